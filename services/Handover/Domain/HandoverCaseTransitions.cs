using static Mediation.Handover.Domain.HandoverCaseAction;
using static Mediation.Handover.Domain.HandoverCaseState;

namespace Mediation.Handover.Domain;

/// <summary>A verified case's path from waiting for a batch to closure. Anything not listed is refused.</summary>
public static class HandoverCaseTransitions
{
    private static readonly Dictionary<(HandoverCaseState From, HandoverCaseAction Action), HandoverCaseState> Table = new()
    {
        [(AwaitingBatch, Schedule)] = InTransfer,
        // Once a child is in transfer, custody must be completed or handled as an incident, not withdrawn.
        [(AwaitingBatch, HandoverCaseAction.Withdraw)] = Withdrawn,
        [(InTransfer, CompleteFinalLeg)] = Reunited,
        // An incident holds a child back with its current custodian; it rejoins its batch or joins a later one.
        [(InTransfer, HoldBack)] = HeldBack,
        [(HeldBack, Release)] = InTransfer,
        [(HeldBack, Schedule)] = InTransfer,
        [(Reunited, RecordFollowUp)] = Reunited,
        [(Reunited, Close)] = Closed,
    };

    public static HandoverCaseState? Next(HandoverCaseState from, HandoverCaseAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;
}
