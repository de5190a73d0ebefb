using Mediation.Contracts;
using Mediation.Operations.Domain;
using RequestsStage = Mediation.Requests.Domain.CaseStage;
using RequestsProjection = Mediation.Requests.Domain.StageProjection;

namespace Mediation.UnitTests;

/// <summary>
/// The operators' view of a case (<see cref="TrackedCase"/>): every part follows the latest event of its kind by
/// its producer's sequence, and escalations are matched with their answers by that order, so arrival order
/// changes nothing.
/// </summary>
public class TrackedCaseTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private static DateTime Day(double days) => T0.AddDays(days);

    private sealed class View(string caseId = "case-1")
    {
        public TrackedCase Case { get; } = new() { CaseId = caseId };
        public List<Escalation> Escalations { get; } = [];
        public List<Resolution> Resolutions { get; } = [];

        public View Apply(params IEnumerable<ICaseEvent> events)
        {
            foreach (var e in events)
                Case.Apply(e, new CaseEscalations(Case.CaseId, Escalations, Resolutions), T0);
            return this;
        }
    }

    [Theory]
    [MemberData(nameof(StageProjectionTests.EveryCombination), MemberType = typeof(StageProjectionTests))]
    public void The_dashboard_works_a_stage_out_as_the_requests_service_does_in_every_combination(
        RequestsStage registry, RequestsStage? verification, RequestsStage? handover, RequestsStage expected) =>
        Assert.Equal(Name(expected), StageProjection.Of(Name(registry), verification is { } v ? Name(v) : null, handover is { } h ? Name(h) : null));

    [Fact]
    public void Events_report_the_same_stages_as_the_requests_service_names_them()
    {
        foreach (var type in typeof(ICaseEvent).Assembly.GetExportedTypes().Where(t => t.IsClass && typeof(ICaseEvent).IsAssignableFrom(t)))
            Assert.Equal(RequestsProjection.ReportedBy(type.Name) is { } s ? Name(s) : null, StageProjection.ReportedBy(type)?.Stage);
    }

    [Fact]
    public void Not_located_then_forwarded_to_another_holder_is_ordered_by_the_requests_sequence()
    {
        ICaseEvent[] cycle =
        [
            new CaseForwarded("case-1", "holder-2", Day(0), "mediator", "m", 3),
            new CaseNotLocated("case-1", Day(2), "holder-2", "h", 4),
            new CaseForwarded("case-1", "holder-1", Day(3), "mediator", "m", 5),
        ];
        foreach (var order in Permutations(cycle))
        {
            var view = new View().Apply(order);
            Assert.Equal(("FORWARDED", "holder-1"), (view.Case.Stage, view.Case.HoldingPartyId));
            view.Apply(new CaseVerified("case-1", "requester-1", "holder-2", Day(9), "mediator", "m", 9));
            Assert.Equal(("VERIFIED", "holder-1"), (view.Case.Stage, view.Case.HoldingPartyId));
        }
    }

    [Fact]
    public void A_held_back_child_planned_into_a_later_batch_shows_that_batch_whatever_the_order()
    {
        ICaseEvent[] handover =
        [
            new CaseScheduledForHandover("case-1", "batch-a", Day(0), "mediator", "m", 1),
            new HandoverIncidentRecorded("case-1", "batch-a", "ChildUnwell", true, Day(1), "holder-1", "h", 2),
            new CaseScheduledForHandover("case-1", "batch-b", Day(7), "mediator", "m", 3),
            new CustodyTransferred("case-1", "batch-b", 1, "parties/holder-1", "parties/mediator", Day(8), "mediator", "m", 5),
        ];
        var located = new CaseLocated("case-1", "requester-1", "holder-1", 5, true, false, Day(-9), "holder-1", "h", 7);
        foreach (var order in Permutations(handover))
        {
            var c = new View().Apply([located, .. order]).Case;
            Assert.Equal(("IN_HANDOVER", "batch-b", 1, "parties/mediator", false), (c.Stage, c.BatchId, c.LegsDone, c.Custodian, c.HeldBack));
        }
        foreach (var order in Permutations(handover[..3]))
        {
            var c = new View().Apply([.. order, located]).Case;
            Assert.Equal(("batch-b", 0, "parties/holder-1", false), (c.BatchId, c.LegsDone, c.Custodian, c.HeldBack));
        }
        foreach (var order in Permutations(handover[..2]))
        {
            var c = new View().Apply([located, .. order]).Case;
            Assert.Equal(("batch-a", "parties/holder-1", true), (c.BatchId, c.Custodian, c.HeldBack));
        }
    }

    [Fact]
    public void An_answer_that_arrives_before_the_escalation_it_answers_resolves_it()
    {
        var view = new View().Apply(
            new CaseLocated("case-1", "requester-1", "holder-1", 9, false, true, Day(35), "holder-1", "h", 7),
            new HoldingAnswerOverdue("case-1", "holder-1", Day(33), Day(33.1), null, null, 6),
            new CheckAttested("case-1", "RELATIONSHIP", "PASSED", Day(50), "requester-1", "r", 4),
            new CheckOverdue("case-1", "RELATIONSHIP", "REQUESTING", Day(49), Day(49.1), null, null, 3),
            new FollowUpVisitRecorded("case-1", 1, Day(101), "requester-1", "r", 11),
            new FollowUpVisitOverdue("case-1", 1, Day(100), Day(100.1), null, null, 10));
        Assert.Equal(3, view.Escalations.Count);
        Assert.All(view.Escalations, x => Assert.NotNull(x.ResolvedAt));
        Assert.Equal([Day(35), Day(50), Day(101)], view.Escalations.OrderBy(x => x.Kind).Select(x => x.ResolvedAt!.Value));
    }

    [Fact]
    public void An_answer_resolves_only_what_its_service_raised_before_it()
    {
        var view = new View().Apply(
            new CheckOverdue("case-1", "IDENTITY", "HOLDING", Day(14), Day(14.1), null, null, 3),
            new CheckAttested("case-1", "IDENTITY", "MORE_INFO_NEEDED", Day(15), "holder-1", "h", 4),
            new CheckOverdue("case-1", "IDENTITY", "REQUESTING", Day(22), Day(22.1), null, null, 5),
            new CheckOverdue("case-1", "RELATIONSHIP", "REQUESTING", Day(22), Day(22.1), null, null, 6));
        Assert.Equal(
            [("IDENTITY", Day(14), (DateTime?)Day(15)), ("IDENTITY", Day(22), null), ("RELATIONSHIP", Day(22), null)],
            view.Escalations.OrderBy(x => x.Subject).ThenBy(x => x.DueAt).Select(x => (x.Subject, x.DueAt, x.ResolvedAt)));
        // The checklist verified later answers every check; the same escalation again is the same item.
        view.Apply(new CheckOverdue("case-1", "RELATIONSHIP", "REQUESTING", Day(22), Day(22.1), null, null, 6),
            new CaseVerified("case-1", "requester-1", "holder-1", Day(30), "mediator", "m", 9));
        Assert.Equal(3, view.Escalations.Count);
        Assert.All(view.Escalations, x => Assert.NotNull(x.ResolvedAt));
    }

    [Fact]
    public void A_case_that_ended_has_nothing_overdue_even_what_is_escalated_after()
    {
        var view = new View().Apply(
            new CaseWithdrawn("case-1", Day(20), "requester-1", "r", 9),
            new CheckOverdue("case-1", "IDENTITY", "HOLDING", Day(14), Day(14.1), null, null, 3));
        Assert.Equal("WITHDRAWN", view.Case.Stage);
        Assert.Equal(Day(20), Assert.Single(view.Escalations).ResolvedAt);
    }

    private static string Name(RequestsStage stage) =>
        string.Concat(stage.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();

    private static IEnumerable<T[]> Permutations<T>(T[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (T[])[item, .. rest]));
}
