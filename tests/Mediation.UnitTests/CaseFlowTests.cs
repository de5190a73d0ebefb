using Mediation.BuildingBlocks.Flow;
using Mediation.Contracts;
using Mediation.Operations.Api;
using Mediation.Operations.Domain;

namespace Mediation.UnitTests;

/// <summary>A case's flow read back: steps in time order, each event's publish linked to what became of it.</summary>
public class CaseFlowTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Submitted = Guid.CreateVersion7(), Located = Guid.CreateVersion7();

    private static FlowStep Step(string id, string kind, string service, string type, int startMs, int endMs,
        Guid? message = null, string? consumer = null, int attempt = 0, int redelivery = 0, string? outcome = null) => new()
    {
        StepId = id, Kind = kind, CaseId = "c1", Service = service, Instance = "host/1", MessageId = message, Type = type,
        Consumer = consumer, PartyId = kind == CaseFlowStep.Call ? "requester-1" : null, Outcome = outcome,
        StartedAt = T0.AddMilliseconds(startMs), EndedAt = T0.AddMilliseconds(endMs), Attempt = attempt, Redelivery = redelivery,
    };

    private static List<FlowStep> Steps() =>
    [
        Step("call", CaseFlowStep.Call, "requests", "/mediation.requests.v1.RequestsService/SubmitRequest", 0, 40, outcome: "OK"),
        // Committed inside the call, confirmed by the broker after the consumer had already begun (the in-memory bus).
        Step("pub-submitted", CaseFlowStep.Publish, "requests", "Mediation.Contracts.CaseSubmitted", 20, 60, Submitted, attempt: 1),
        Step("ops", CaseFlowStep.Consume, "operations", "Mediation.Contracts.CaseSubmitted", 45, 55, Submitted, "operations-case-events"),
        Step("pub-located", CaseFlowStep.Publish, "requests", "Mediation.Contracts.CaseLocated", 100, 110, Located, attempt: 1),
        Step("fail-1", CaseFlowStep.AttemptFailed, "verification", "Mediation.Contracts.CaseLocated", 120, 1120, Located, "verification-case-located", outcome: "SqliteException"),
        Step("fail-2", CaseFlowStep.AttemptFailed, "verification", "Mediation.Contracts.CaseLocated", 1130, 2130, Located, "verification-case-located", attempt: 1, outcome: "SqliteException"),
        Step("verified", CaseFlowStep.Consume, "verification", "Mediation.Contracts.CaseLocated", 5000, 5020, Located, "verification-case-located", redelivery: 1),
        Step("copy", CaseFlowStep.AlreadyApplied, "verification", "Mediation.Contracts.CaseLocated", 6000, 6000, Located, "verification-case-located"),
    ];

    private static FaultedMessage Fault() => new()
    {
        FaultId = Guid.NewGuid(), MessageId = Located, MessageType = "Mediation.Contracts.CaseLocated",
        Queue = "rabbitmq://localhost/verification-case-located", CaseId = "c1", ExceptionType = "SqliteException",
        ExceptionMessage = "SqliteException: database is locked", Body = "{}", FaultedAt = T0.AddMilliseconds(2200),
    };

    [Fact]
    public void Steps_are_in_time_order_whatever_order_they_were_stored_in_and_each_publish_is_linked_to_its_deliveries()
    {
        var expected = CaseFlow.Of(Steps(), [Fault()]).Select(e => (e.Kind, e.Service, e.ShortType)).ToList();
        Assert.Equal(
        [
            ("call", "requests", "SubmitRequest"),
            ("publish", "requests", "CaseSubmitted"),
            ("consume", "operations", "CaseSubmitted"),
            ("publish", "requests", "CaseLocated"),
            ("retry", "verification", "CaseLocated"),
            ("retry", "verification", "CaseLocated"),
            ("fault", "verification", "CaseLocated"),
            ("consume", "verification", "CaseLocated"),
            ("already-applied", "verification", "CaseLocated"),
        ], expected);
        var fault = Fault();
        for (var seed = 0; seed < 20; seed++)
        {
            var shuffled = Steps().OrderBy(_ => new Random(seed).Next()).ToList();
            Assert.Equal(expected, CaseFlow.Of(shuffled, [fault]).Select(e => (e.Kind, e.Service, e.ShortType)).ToList());
        }

        var flow = CaseFlow.Of(Steps(), [fault]);
        Assert.Equal([2], flow[1].Deliveries);
        Assert.Equal([4, 5, 6, 7, 8], flow[3].Deliveries);
        Assert.All(flow.Skip(4), e => Assert.Equal(3, e.PublishIndex));
        Assert.Null(flow[0].PublishIndex);
        Assert.Empty(flow[0].Deliveries);
        // Durations, and the time from the event's commit (20 ms) to its consumption's end (55 ms).
        Assert.Equal((40.0, 10.0, 35.0), (flow[0].DurationMs, flow[2].DurationMs, flow[2].SinceCommitMs!.Value));
        Assert.Equal(40.0, flow[1].DurationMs);
        Assert.False(flow[2].Retried);
        Assert.True(flow[7].Retried);
        Assert.Equal(("verification-case-located", "SqliteException"), (flow[6].Consumer, flow[6].Outcome));
    }

    [Fact]
    public void At_the_same_instant_a_call_comes_before_the_event_it_commits_and_a_publish_before_its_consumption()
    {
        var flow = CaseFlow.Of(
        [
            Step("z-consume", CaseFlowStep.Consume, "operations", "Mediation.Contracts.CaseAccepted", 10, 10, Submitted, "operations-case-events"),
            Step("y-publish", CaseFlowStep.Publish, "requests", "Mediation.Contracts.CaseAccepted", 10, 10, Submitted),
            Step("x-call", CaseFlowStep.Call, "requests", "/mediation.requests.v1.RequestsService/AcceptCase", 10, 10, outcome: "OK"),
        ], []);
        Assert.Equal(["call", "publish", "consume"], flow.Select(e => e.Kind));
        Assert.Equal(1, flow[2].PublishIndex);
    }

    [Fact]
    public void A_consumption_comes_before_the_event_it_commits_at_the_instant_it_began()
    {
        // Verification's consumer commits ChecklistOpened with the instant it began taking CaseLocated.
        var flow = CaseFlow.Of(
        [
            Step("b-opened", CaseFlowStep.Publish, "verification", "Mediation.Contracts.ChecklistOpened", 10, 30, Submitted),
            Step("a-located", CaseFlowStep.Consume, "verification", "Mediation.Contracts.CaseLocated", 10, 20, Located, "verification-case-located"),
            Step("c-publish", CaseFlowStep.Publish, "requests", "Mediation.Contracts.CaseLocated", 5, 8, Located),
        ], []);
        Assert.Equal(["CaseLocated", "CaseLocated", "ChecklistOpened"], flow.Select(e => e.ShortType));
        Assert.Equal(["publish", "consume", "publish"], flow.Select(e => e.Kind));
    }

    [Fact]
    public void A_delivery_stamped_before_its_publish_by_another_process_clock_is_drawn_after_it()
    {
        var flow = CaseFlow.Of(
        [
            Step("consume", CaseFlowStep.Consume, "verification", "Mediation.Contracts.CaseLocated", 8, 12, Located, "verification-case-located"),
            Step("other", CaseFlowStep.Call, "requests", "/mediation.requests.v1.RequestsService/GetCase", 9, 9, outcome: "OK"),
            Step("publish", CaseFlowStep.Publish, "requests", "Mediation.Contracts.CaseLocated", 10, 11, Located),
        ], []);
        Assert.Equal(["call", "publish", "consume"], flow.Select(e => e.Kind));
        Assert.Equal(1, flow[2].PublishIndex);
    }

    [Fact]
    public void A_consumption_whose_publish_is_not_known_stands_alone()
    {
        var flow = CaseFlow.Of([Step("c", CaseFlowStep.Consume, "verification", "Mediation.Contracts.CaseLocated", 0, 5, Located, "verification-case-located")], []);
        Assert.Null(flow[0].PublishIndex);
        Assert.Null(flow[0].SinceCommitMs);
    }

    [Theory]
    [InlineData("rabbitmq://localhost/verification-case-located", "verification")]
    [InlineData("handover-case-verified", "handover")]
    [InlineData("operations-case-events", "operations")]
    [InlineData("something-else", "operations")]
    public void A_fault_is_drawn_on_the_service_whose_queue_it_failed_on(string queue, string service) =>
        Assert.Equal(service, CaseFlow.ServiceOfQueue(FaultedMessage.NameOf(queue)));

    [Fact]
    public void Step_ids_name_the_same_step_the_same_way_and_each_occurrence_its_own()
    {
        var id = Guid.NewGuid();
        Assert.Equal(CaseFlowStepIds.Published(id), CaseFlowStepIds.Published(id));
        Assert.Equal(CaseFlowStepIds.Consumed(id, "a-queue"), CaseFlowStepIds.Consumed(id, "a-queue"));
        Assert.NotEqual(CaseFlowStepIds.Consumed(id, "a-queue"), CaseFlowStepIds.Consumed(id, "another-queue"));
        Assert.NotEqual(CaseFlowStepIds.Published(id), CaseFlowStepIds.Consumed(id, "a-queue"));
        Assert.NotEqual(CaseFlowStepIds.Occurrence(CaseFlowStep.Call), CaseFlowStepIds.Occurrence(CaseFlowStep.Call));
        Assert.All(new[] { CaseFlowStepIds.Published(id), CaseFlowStepIds.Consumed(id, new string('q', 150)) }, s => Assert.True(s.Length <= 200));
    }

    [Fact]
    public void The_buffer_drops_its_oldest_steps_past_its_bound_counts_them_and_takes_back_a_batch_that_could_not_be_published()
    {
        var steps = new CaseFlowSteps(capacity: 3);
        for (var i = 0; i < 5; i++)
            steps.Published("requests", "c" + i, Guid.NewGuid(), "T", T0, T0, 1);
        var (taken, dropped) = steps.Take(2);
        Assert.Equal(["c2", "c3"], taken.Select(s => s.CaseId));
        Assert.Equal(2, dropped);
        steps.Published("requests", "c5", Guid.NewGuid(), "T", T0, T0, 1);
        steps.PutBack(taken, dropped);
        // Back ahead of the newer steps, over the bound again: the oldest goes, and is counted with the drops not yet shipped.
        var (again, droppedAgain) = steps.Take(10);
        Assert.Equal(["c3", "c4", "c5"], again.Select(s => s.CaseId));
        Assert.Equal(3, droppedAgain);
        Assert.Equal((0, 0L), (steps.Take(10).Steps.Count, steps.Take(10).Dropped));
    }

    [Theory]
    [InlineData("cases/0193a", "0193a")]
    [InlineData("0193a", "0193a")]
    [InlineData(" cases/0193a ", "0193a")]
    [InlineData("cases/0193a/checklist", null)]
    [InlineData("", null)]
    [InlineData("cases/", null)]
    public void The_flow_is_asked_for_by_a_case_id_or_name(string asked, string? caseId) =>
        Assert.Equal(caseId, FlowEndpoints.CaseIdOf(asked));
}
