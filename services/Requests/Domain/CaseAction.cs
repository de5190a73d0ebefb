namespace Mediation.Requests.Domain;

/// <summary>What can happen to a case: the parties' calls here, and the other services' events.</summary>
public enum CaseAction
{
    Accept,
    Reject,
    MarkDuplicate,
    Forward,
    ReportLocated,
    ReportNotLocated,
    Withdraw,
    // From verification.
    OpenChecklist,
    Verify,
    FailVerification,
    // From handover.
    ScheduleHandover,
    Reunite,
    Close,
    // From verification, again.
    ReopenChecklist,
}
