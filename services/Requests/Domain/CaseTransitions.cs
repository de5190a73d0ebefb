using static Mediation.Requests.Domain.CaseAction;
using static Mediation.Requests.Domain.CaseStage;

namespace Mediation.Requests.Domain;

/// <summary>
/// Every move a party's call may make, one row each, from the case's stage (<see cref="StageProjection"/>).
/// Anything not listed is refused with FAILED_PRECONDITION. A requesting party may withdraw until the
/// handover starts. Verification and handover move a case by reporting their own stages, not through here.
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

        // From here on verification and handover report the stage; the requesting party may still withdraw.
        [(Located, Withdraw)] = Withdrawn,
        [(InVerification, Withdraw)] = Withdrawn,
        [(VerificationFailed, Withdraw)] = Withdrawn,
        [(Verified, Withdraw)] = Withdrawn,
    };

    public static CaseStage? Next(CaseStage from, CaseAction action) =>
        Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Stages nothing moves a case out of: later events only join its timeline. Every other case is open.</summary>
    public static readonly CaseStage[] Final = [Rejected, Duplicate, Withdrawn, Closed];

    public static bool IsFinal(CaseStage stage) => Final.Contains(stage);
}
