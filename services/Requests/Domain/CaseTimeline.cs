using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Requests.Domain;

/// <summary>
/// A case's timeline as a party reads it: the same whatever order the events reached this service in
/// (docs/DESIGN.md §7). Entries go by when they happened, then by their producer's sequence; events of one
/// change (an attestation and the verification it completed) put the one that moves the case last; the rest
/// of the tie goes by service, type and summary. Each entry shows the stage the case had after it, worked
/// out by replaying the entries in that order. The live stream, which follows commit order, shows the stage
/// each entry was committed with instead.
/// </summary>
public static class CaseTimeline
{
    public static List<TimelineEntry> AsRead(IEnumerable<TimelineEntry> entries)
    {
        var ordered = entries
            .OrderBy(t => t.OccurredAt)
            .ThenBy(t => t.ProducerSequence)
            .ThenBy(t => StageProjection.ReportedBy(t.Type) is null ? 0 : 1)
            .ThenBy(t => t.Service, StringComparer.Ordinal)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .ThenBy(t => t.Summary, StringComparer.Ordinal)
            .ThenBy(t => t.PartyId, StringComparer.Ordinal)
            .ThenBy(t => t.Officer, StringComparer.Ordinal)
            .ToList();
        var registry = new ReportedStage();
        var verification = new ReportedStage();
        var handover = new ReportedStage();
        foreach (var t in ordered)
        {
            if (StageProjection.ReportedBy(t.Type) is { } stage)
            {
                var report = t.Service switch
                {
                    StageProjection.Verification => verification,
                    StageProjection.Handover => handover,
                    _ => registry,
                };
                report.Take(stage, new EventPosition(t.ProducerSequence, t.OccurredAt));
            }
            t.Stage = StageProjection.Of(registry.Stage ?? CaseStage.Submitted, verification.Stage, handover.Stage);
        }
        return ordered;
    }
}
