using Mediation.Contracts;
using Mediation.Requests.Domain;

namespace Mediation.UnitTests;

/// <summary>A case's timeline as a party reads it (<see cref="CaseTimeline"/>): the same whatever order its entries were recorded in.</summary>
public class CaseTimelineTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private static TimelineEntry Entry(string type, string service, double day, int sequence, string summary = "", CaseStage committedWith = CaseStage.Submitted) => new()
    {
        CaseId = "case-1", Type = type, Service = service, OccurredAt = T0.AddDays(day), ProducerSequence = sequence, Summary = summary, Stage = committedWith,
    };

    private static List<TimelineEntry> Life() =>
    [
        Entry(nameof(CaseSubmitted), "requests", 0, 1),
        Entry(nameof(CaseLocated), "requests", 1, 4),
        Entry(nameof(ChecklistOpened), "verification", 1.1, 1),
        Entry(nameof(CheckAttested), "verification", 2, 4, "check RELATIONSHIP: FAILED"),
        Entry(nameof(CaseVerificationFailed), "verification", 2, 4),
        Entry(nameof(ChecklistReopened), "verification", 3, 5),
        Entry(nameof(CheckAttested), "verification", 4, 9, "check BEST_INTERESTS: PASSED"),
        Entry(nameof(CaseVerified), "verification", 4, 9),
        Entry(nameof(CaseScheduledForHandover), "handover", 5, 1),
        Entry(nameof(CaseScheduledForHandover), "handover", 6, 3),
        Entry(nameof(CustodyTransferred), "handover", 7, 9, "leg 3 done"),
        Entry(nameof(CaseReunited), "handover", 7, 9),
        Entry(nameof(CaseClosed), "handover", 8, 13),
    ];

    [Fact]
    public void The_timeline_reads_the_same_whatever_order_its_entries_were_recorded_in()
    {
        var expected = Read(Life());
        var random = new Random(14);
        for (var i = 0; i < 200; i++)
            Assert.Equal(expected, Read(Life().OrderBy(_ => random.Next()).ToList()));
    }

    [Fact]
    public void Each_entry_shows_the_stage_the_case_had_after_it_in_the_order_things_happened()
    {
        var read = CaseTimeline.AsRead(Life().AsEnumerable().Reverse());
        Assert.Equal(
        [
            (nameof(CaseSubmitted), CaseStage.Submitted),
            (nameof(CaseLocated), CaseStage.Located),
            (nameof(ChecklistOpened), CaseStage.InVerification),
            (nameof(CheckAttested), CaseStage.InVerification),
            (nameof(CaseVerificationFailed), CaseStage.VerificationFailed),
            (nameof(ChecklistReopened), CaseStage.InVerification),
            (nameof(CheckAttested), CaseStage.InVerification),
            (nameof(CaseVerified), CaseStage.Verified),
            (nameof(CaseScheduledForHandover), CaseStage.InHandover),
            (nameof(CaseScheduledForHandover), CaseStage.InHandover),
            (nameof(CustodyTransferred), CaseStage.InHandover),
            (nameof(CaseReunited), CaseStage.Reunited),
            (nameof(CaseClosed), CaseStage.Closed),
        ], read.Select(t => (t.Type, t.Stage)));
    }

    [Fact]
    public void Of_two_events_of_one_change_the_one_that_moves_the_case_reads_last()
    {
        var read = CaseTimeline.AsRead([Entry(nameof(CaseReunited), "handover", 7, 9), Entry(nameof(CustodyTransferred), "handover", 7, 9)]);
        Assert.Equal([nameof(CustodyTransferred), nameof(CaseReunited)], read.Select(t => t.Type));
    }

    [Fact]
    public void A_late_entry_of_a_service_does_not_undo_its_later_one()
    {
        // Recorded late by handover's clock, but earlier in its own order: the case stays closed after it.
        var read = CaseTimeline.AsRead([Entry(nameof(CaseClosed), "handover", 8, 13), Entry(nameof(CaseReunited), "handover", 9, 9)]);
        Assert.Equal([CaseStage.Closed, CaseStage.Closed], read.Select(t => t.Stage));
    }

    private static List<string> Read(List<TimelineEntry> entries) =>
        CaseTimeline.AsRead(entries).Select(t => $"{t.OccurredAt:O} {t.Service} {t.Type} {t.Summary} {t.Stage}").ToList();
}
