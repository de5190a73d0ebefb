using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;
using Mediation.Requests.Persistence;
using Mediation.Requests.Reports;
using Proto = Mediation.Api.Reports.V1;

namespace Mediation.Requests.Api;

/// <summary>
/// The observer's and the mediator's aggregate reports. Served by the requests service, which holds every case and,
/// from the other services' events, every case's stage and reunion: nothing needs asking elsewhere.
/// </summary>
public sealed class ReportsApi(RequestsDb db, TimeProvider clock) : Proto.ReportsService.ReportsServiceBase
{
    public override async Task<Proto.GetCaseReportResponse> GetCaseReport(Proto.GetCaseReportRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        if (caller.Kind is not (PartyKind.Observer or PartyKind.Mediator))
            throw new NotPermitted("Only the observer and the mediator may read reports.");
        var facts = await CaseFacts.Read(db, context.CancellationToken);
        return new Proto.GetCaseReportResponse { Report = ToProto(CaseReport.Of(facts, clock.GetUtcNow().UtcDateTime)) };
    }

    private static Proto.CaseReport ToProto(CaseReport r)
    {
        var report = new Proto.CaseReport
        {
            ComputeTime = r.ComputedAt.ToTimestamp(),
            MinCellChildren = Figure.MinChildren,
            Cases = ToProto(r.Cases),
            ByStage = ToProto(r.ByStage),
            ByAgeBand = ToProto(r.ByAgeBand),
            ByRegionFound = ToProto(r.ByRegionFound),
            BySubmitMonth = ToProto(r.BySubmitMonth),
            ReunitedByHoldingParty = ToProto(r.ReunitedByHoldingParty),
            NotLocatedByHoldingParty = ToProto(r.NotLocatedByHoldingParty),
            SubmissionToReunion = new Proto.ReunionTimes
            {
                Reunited = ToProto(r.SubmissionToReunion.Reunited),
                Suppressed = r.SubmissionToReunion.Suppressed,
                P50 = r.SubmissionToReunion.P50 is { } p50 ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(p50) : null,
                P90 = r.SubmissionToReunion.P90 is { } p90 ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(p90) : null,
            },
        };
        return report;
    }

    private static Proto.Figure ToProto(Figure f) => new() { Children = f.Children, Suppressed = f.Suppressed };

    private static Proto.Breakdown ToProto(IReadOnlyList<Cell> cells)
    {
        var breakdown = new Proto.Breakdown();
        breakdown.Cells.AddRange(cells.Select(c => new Proto.Cell { Key = c.Key, Figure = ToProto(c.Figure) }));
        return breakdown;
    }
}
