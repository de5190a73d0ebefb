using Google.Protobuf;
using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediation.Operations.Api;

/// <summary>
/// The aggregate reports under <c>/reports/</c>: for the mediator's operators and for the observer's people, who
/// sign in with their own credentials and may open nothing else. The figures are the requests service's report
/// (mediation.reports.v1) as it is, withheld cells and all: no case id, no name.
/// </summary>
public static class ReportEndpoints
{
    // Zeros and false are figures too: a page must tell "0 children" from "not sent".
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/reports").RequireAuthorization(OperatorAuthentication.ReportsPolicy);
        reports.MapGet("/", () => DashboardEndpoints.Page("reports.html", "text/html; charset=utf-8"));
        reports.MapGet("/common.js", () => DashboardEndpoints.Page("common.js", "text/javascript; charset=utf-8"));
        reports.MapGet("/reports.js", () => DashboardEndpoints.Page("reports.js", "text/javascript; charset=utf-8"));
        reports.MapGet("/dashboard.css", () => DashboardEndpoints.Page("dashboard.css", "text/css; charset=utf-8"));
        reports.MapGet("/api/cases", async (ReportsPeer peer, CancellationToken ct) =>
        {
            var answer = await peer.Read(ct);
            return answer.Report is { } report
                ? Results.Content(Json.Format(report), "application/json; charset=utf-8")
                : Results.Problem(answer.Problem, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
