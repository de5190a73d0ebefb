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
    public static List<TimelineEntry> AsRead(IEnumerable<TimelineEntry> entries) => AsRead(entries, []);

    /// <summary>
    /// <paramref name="entries"/> in read order, each with its stage, when they follow <paramref name="before"/>:
    /// the entries read before them that report a stage, in any order. Each service's stage is the one it
    /// reported latest by its own order (<see cref="ReportedStage"/>), whatever order the reports are taken in,
    /// so a page of a long timeline needs only those, not every entry before it.
    /// </summary>
    public static List<TimelineEntry> AsRead(IEnumerable<TimelineEntry> entries, IEnumerable<TimelineEntry> before)
    {
        var ordered = InReadOrder(entries);
        var registry = new ReportedStage();
        var verification = new ReportedStage();
        var handover = new ReportedStage();
        foreach (var t in before)
            Take(t, registry, verification, handover);
        foreach (var t in ordered)
        {
            Take(t, registry, verification, handover);
            t.Stage = StageProjection.Of(registry.Stage ?? CaseStage.Submitted, verification.Stage, handover.Stage);
        }
        return ordered;
    }

    /// <summary>
    /// Read order. Its first two keys, when and the producer's sequence, are what the database pages by
    /// (<c>TimelinePages</c>); the rest only orders entries that share both, which are one change's few events.
    /// </summary>
    public static List<TimelineEntry> InReadOrder(IEnumerable<TimelineEntry> entries) => entries
        .OrderBy(t => t.OccurredAt)
        .ThenBy(t => t.ProducerSequence)
        .ThenBy(t => StageProjection.ReportedBy(t.Type) is null ? 0 : 1)
        .ThenBy(t => t.Service, StringComparer.Ordinal)
        .ThenBy(t => t.Type, StringComparer.Ordinal)
        .ThenBy(t => t.Summary, StringComparer.Ordinal)
        .ThenBy(t => t.PartyId, StringComparer.Ordinal)
        .ThenBy(t => t.Officer, StringComparer.Ordinal)
        .ThenBy(t => t.Sequence)
        .ToList();

    private static void Take(TimelineEntry t, ReportedStage registry, ReportedStage verification, ReportedStage handover)
    {
        if (StageProjection.ReportedBy(t.Type) is not { } stage)
            return;
        var report = t.Service switch
        {
            StageProjection.Verification => verification,
            StageProjection.Handover => handover,
            _ => registry,
        };
        report.Take(stage, new EventPosition(t.ProducerSequence, t.OccurredAt));
    }
}
