using static Mediation.Requests.Domain.CaseAction;
using static Mediation.Requests.Domain.CaseStage;

namespace Mediation.Requests.Domain;

/// <summary>
/// Every allowed move of a case, one row each. Anything not listed is refused (FAILED_PRECONDITION
/// for a party's call). A requesting party may withdraw until the handover starts.
/// </summary>
public static class CaseTransitions
{
    private static readonly Dictionary<(CaseStage From, CaseAction Action), CaseStage> Table = new()
    {
        [(Submitted, Accept)] = Accepted,
        [(Submitted, Reject)] = Rejected,
        [(Submitted, MarkDuplicate)] = Duplicate,
        [(Submitted, Withdraw)] = Withdrawn,

        [(Accepted, Reject)] = Rejected,
        [(Accepted, MarkDuplicate)] = Duplicate,
        [(Accepted, Forward)] = Forwarded,
        [(Accepted, Withdraw)] = Withdrawn,

        [(Forwarded, ReportLocated)] = Located,
        [(Forwarded, ReportNotLocated)] = NotLocated,
        [(Forwarded, Withdraw)] = Withdrawn,

        // Not found by one holding party: the mediator may ask another.
        [(NotLocated, Forward)] = Forwarded,
        [(NotLocated, Withdraw)] = Withdrawn,

        [(Located, OpenChecklist)] = InVerification,
        [(Located, Withdraw)] = Withdrawn,

        [(InVerification, Verify)] = Verified,
        [(InVerification, FailVerification)] = VerificationFailed,
        [(InVerification, Withdraw)] = Withdrawn,

        [(VerificationFailed, Withdraw)] = Withdrawn,
        [(VerificationFailed, ReopenChecklist)] = InVerification,

        [(Verified, ScheduleHandover)] = InHandover,
        [(Verified, Withdraw)] = Withdrawn,

        [(InHandover, Reunite)] = Reunited,
        [(Reunited, Close)] = Closed,
    };

    public static CaseStage? Next(CaseStage from, CaseAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Stages no event moves a case out of.</summary>
    public static bool IsFinal(CaseStage stage) => stage is Rejected or Duplicate or Withdrawn or Closed;
}
