using Mediation.Contracts;
using Mediation.Operations.Domain;

namespace Mediation.UnitTests;

/// <summary>
/// The "already applied" mark on a fault: set on the word of its queue's owner, only while the fault is
/// open, never taken back, and the same whenever and however often the answer arrives.
/// </summary>
public class AlreadyAppliedTests
{
    private const string Queue = "verification-case-located";
    private static readonly DateTime First = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static FaultedMessage Fault(string queue = "rabbitmq://localhost/verification-case-located") => new()
    {
        FaultId = Guid.NewGuid(), MessageId = Guid.NewGuid(),
        MessageType = typeof(CaseLocated).FullName!, Queue = queue,
        ExceptionType = "X", ExceptionMessage = "x", Body = "{}",
    };

    public static TheoryData<FaultState> States() => new(Enum.GetValues<FaultState>());

    [Theory]
    [MemberData(nameof(States))]
    public void Only_an_open_fault_takes_the_mark(FaultState state) =>
        Assert.Equal(state == FaultState.Open, FaultTransitions.TakesAppliedMark(state));

    [Fact]
    public void An_answer_from_the_queue_owner_marks_an_open_fault_with_when_and_whose_inbox()
    {
        var fault = Fault();
        Assert.True(fault.MarkApplied(Queue, First));
        Assert.Equal((true, First, Queue, FaultState.Open), (fault.IsApplied, fault.FoundAppliedAt, fault.AppliedBy, fault.State));
    }

    [Fact]
    public void An_answer_heard_twice_keeps_the_first_mark()
    {
        var fault = Fault();
        Assert.True(fault.MarkApplied(Queue, First));
        Assert.False(fault.MarkApplied(Queue, First.AddMinutes(5)));
        Assert.Equal(First, fault.FoundAppliedAt);
    }

    [Theory]
    [InlineData(FaultAction.Retry)]
    [InlineData(FaultAction.Discard)]
    public void A_late_answer_for_a_fault_already_acted_on_changes_nothing(FaultAction action)
    {
        var fault = Fault();
        Assert.True(fault.Act(action, "operator-1", First, action == FaultAction.Discard ? "gone" : null));
        var state = fault.State;
        Assert.False(fault.MarkApplied(Queue, First.AddMinutes(1)));
        Assert.Equal((false, (DateTime?)null, (string?)null, state), (fault.IsApplied, fault.FoundAppliedAt, fault.AppliedBy, fault.State));
    }

    [Fact]
    public void An_answer_about_another_queue_does_not_mark_a_fault_of_the_same_message_id()
    {
        // The same event fails on handover's queue too: verification's inbox does not speak for it.
        var fault = Fault("rabbitmq://localhost/handover-case-verified");
        Assert.False(fault.MarkApplied(Queue, First));
        Assert.False(fault.IsApplied);
    }

    [Fact]
    public void A_fault_reported_by_queue_name_is_marked_by_that_name()
    {
        var fault = Fault(Queue);
        Assert.True(fault.MarkApplied(Queue, First));
    }

    [Theory]
    [InlineData(FaultAction.Retry, FaultState.Retried)]
    [InlineData(FaultAction.Discard, FaultState.Discarded)]
    public void A_marked_fault_is_still_retried_or_discarded_as_any_open_fault(FaultAction action, FaultState to)
    {
        var fault = Fault();
        fault.MarkApplied(Queue, First);
        Assert.True(fault.Act(action, "operator-1", First.AddMinutes(1), "stale"));
        Assert.Equal((to, true), (fault.State, fault.IsApplied));
    }
}
