using System.Security.Claims;
using Mediation.BuildingBlocks.Operators;
using Mediation.Operations.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Api;

/// <summary>
/// The dashboard page and its JSON API under <c>/operations/</c>, for operators and the mediator only.
/// Actions are POSTs that must carry <c>X-Operator-Action: 1</c>: a header another site's page cannot
/// add without the browser asking first, so a forged form cannot retry or discard with the operator's
/// remembered credentials.
/// </summary>
public static partial class DashboardEndpoints
{
    public const string ActionHeader = "X-Operator-Action";

    public sealed record DiscardRequest(string? Reason);
    public sealed record RetryGroupRequest(string? MessageType, string? ExceptionType);

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/operations/"));
        var ops = app.MapGroup("/operations").RequireAuthorization(OperatorAuthentication.Policy);
        ops.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        // Every other page and script of the dashboard, by name: /operations/graphs is graphs.html, /operations/chart.js is chart.js.
        ops.MapGet("/{file}", (string file) => Asset(file) is { } asset ? asset : Results.NotFound());
        ops.MapGet("/api/overview", async (Overview overview, CancellationToken ct) => Results.Json(await overview.Read(ct)));
        ops.MapGet("/api/actions", async (OperationsDb db, CancellationToken ct) =>
            Results.Json(await db.OperatorActions.AsNoTracking().OrderByDescending(a => a.Id).Take(200).ToListAsync(ct)));

        ops.MapPost("/api/faults/{faultId:guid}/retry", async (Guid faultId, HttpContext http, FaultInbox inbox, CancellationToken ct) =>
            RequireActionHeader(http) ?? Answer(await inbox.Retry(faultId, Operator(http), ct)));

        ops.MapPost("/api/faults/retry-group", async (RetryGroupRequest request, HttpContext http, FaultInbox inbox, CancellationToken ct) =>
        {
            if (RequireActionHeader(http) is { } refused)
                return refused;
            if (string.IsNullOrWhiteSpace(request.MessageType) || string.IsNullOrWhiteSpace(request.ExceptionType))
                return Results.Problem("Name the group: messageType and exceptionType.", statusCode: 400);
            var retried = await inbox.RetryGroup(request.MessageType, request.ExceptionType, Operator(http), ct);
            return Results.Json(new { retried });
        });

        // Only faults whose message its queue's owner has applied: what an operator would discard one by one.
        ops.MapPost("/api/faults/discard-applied", async (HttpContext http, FaultInbox inbox, CancellationToken ct) =>
            RequireActionHeader(http) ?? Results.Json(new { discarded = await inbox.DiscardApplied(Operator(http), ct) }));

        ops.MapPost("/api/faults/{faultId:guid}/discard", async (Guid faultId, DiscardRequest request, HttpContext http, FaultInbox inbox, CancellationToken ct) =>
        {
            if (RequireActionHeader(http) is { } refused)
                return refused;
            var reason = request.Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > FaultInbox.MaxReasonLength)
                return Results.Problem($"A discard needs a reason (1..{FaultInbox.MaxReasonLength} characters), for the audit.", statusCode: 400);
            return Answer(await inbox.Discard(faultId, reason, Operator(http), ct));
        });
    }

    internal static string Operator(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name)!;

    internal static IResult? RequireActionHeader(HttpContext http) =>
        http.Request.Headers[ActionHeader] == "1" ? null
            : Results.Problem($"Operator actions must carry the header '{ActionHeader}: 1'.", statusCode: 400);

    private static IResult Answer(FaultInbox.Outcome outcome) => outcome switch
    {
        FaultInbox.Outcome.Done => Results.NoContent(),
        FaultInbox.Outcome.NotFound => Results.Problem("No such fault.", statusCode: 404),
        FaultInbox.Outcome.NoBodyKept => Results.Problem("This message could not be read when it arrived and its body was not kept: it cannot be sent again, only discarded.", statusCode: 409),
        _ => Results.Problem("This fault was already retried or discarded.", statusCode: 409),
    };

    /// <summary>The dashboard's file by its name (a page without its <c>.html</c>), or null when there is none.</summary>
    private static IResult? Asset(string file)
    {
        if (!AssetName().IsMatch(file))
            return null;
        var name = Path.HasExtension(file) ? file : file + ".html";
        if (typeof(DashboardEndpoints).Assembly.GetManifestResourceInfo("dashboard/" + name) is null)
            return null;
        return Page(name, Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "text/html; charset=utf-8",
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9-]*(\\.(js|css|svg))?$")]
    private static partial System.Text.RegularExpressions.Regex AssetName();

    internal static IResult Page(string name, string contentType)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard's {name} is missing from the assembly.");
        return Results.Stream(stream, contentType);
    }
}
