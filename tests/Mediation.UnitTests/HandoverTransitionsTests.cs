using Mediation.Handover.Domain;

namespace Mediation.UnitTests;

public class HandoverTransitionsTests
{
    public static TheoryData<LegProgress, CustodyRole, LegProgress?> EveryLegProgressAndRole() => new()
    {
        { LegProgress.Open, CustodyRole.Giver, LegProgress.GiverAcknowledged },
        { LegProgress.Open, CustodyRole.Receiver, LegProgress.ReceiverAcknowledged },
        { LegProgress.GiverAcknowledged, CustodyRole.Giver, null },
        { LegProgress.GiverAcknowledged, CustodyRole.Receiver, LegProgress.Done },
        { LegProgress.ReceiverAcknowledged, CustodyRole.Giver, LegProgress.Done },
        { LegProgress.ReceiverAcknowledged, CustodyRole.Receiver, null },
        { LegProgress.Done, CustodyRole.Giver, null },
        { LegProgress.Done, CustodyRole.Receiver, null },
    };

    [Theory]
    [MemberData(nameof(EveryLegProgressAndRole))]
    public void A_leg_is_done_only_when_both_sides_acknowledged(LegProgress from, CustodyRole role, LegProgress? expected) =>
        Assert.Equal(expected, LegTransitions.Next(from, role));

    public static TheoryData<HandoverCaseState, HandoverCaseAction, HandoverCaseState?> EveryStateAndAction()
    {
        var allowed = new Dictionary<(HandoverCaseState, HandoverCaseAction), HandoverCaseState>
        {
            [(HandoverCaseState.AwaitingBatch, HandoverCaseAction.Schedule)] = HandoverCaseState.InTransfer,
            [(HandoverCaseState.AwaitingBatch, HandoverCaseAction.Withdraw)] = HandoverCaseState.Withdrawn,
            [(HandoverCaseState.InTransfer, HandoverCaseAction.CompleteFinalLeg)] = HandoverCaseState.Reunited,
            [(HandoverCaseState.InTransfer, HandoverCaseAction.HoldBack)] = HandoverCaseState.HeldBack,
            [(HandoverCaseState.HeldBack, HandoverCaseAction.Release)] = HandoverCaseState.InTransfer,
            [(HandoverCaseState.HeldBack, HandoverCaseAction.Schedule)] = HandoverCaseState.InTransfer,
            [(HandoverCaseState.Reunited, HandoverCaseAction.RecordFollowUp)] = HandoverCaseState.Reunited,
            [(HandoverCaseState.Reunited, HandoverCaseAction.Close)] = HandoverCaseState.Closed,
        };
        var data = new TheoryData<HandoverCaseState, HandoverCaseAction, HandoverCaseState?>();
        foreach (var state in Enum.GetValues<HandoverCaseState>())
            foreach (var action in Enum.GetValues<HandoverCaseAction>())
                data.Add(state, action, allowed.TryGetValue((state, action), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void A_case_in_handover_moves_only_forward(HandoverCaseState from, HandoverCaseAction action, HandoverCaseState? expected) =>
        Assert.Equal(expected, HandoverCaseTransitions.Next(from, action));
}
