namespace Mediation.Handover.Domain;

public enum HandoverCaseAction
{
    Schedule,
    CompleteFinalLeg,
    RecordFollowUp,
    Close,
    Withdraw,
    HoldBack,
    Release,
}
