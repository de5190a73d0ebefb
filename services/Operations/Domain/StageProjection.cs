using Mediation.Contracts;
using static Mediation.Operations.Domain.Producer;

namespace Mediation.Operations.Domain;

/// <summary>
/// A case's stage, worked out from the latest stage each service reported rather than moved event by event,
/// so that it does not depend on the order events arrive in (docs/DESIGN.md §7): the same rule as the requests
/// service's. A rejected, duplicate or withdrawn case stays so; otherwise the furthest service that has said
/// anything decides: handover, then verification, then requests. Forwarded, not located and forwarded again
/// is a cycle the requests service's sequence orders; failed and reopened, one verification's orders.
/// </summary>
public static class StageProjection
{
    private static readonly Dictionary<Type, (Producer, string)> Reported = new()
    {
        [typeof(CaseSubmitted)] = (Requests, "SUBMITTED"),
        [typeof(CaseAccepted)] = (Requests, "ACCEPTED"),
        [typeof(CaseRejected)] = (Requests, "REJECTED"),
        [typeof(CaseMarkedDuplicate)] = (Requests, "DUPLICATE"),
        [typeof(CaseForwarded)] = (Requests, "FORWARDED"),
        [typeof(CaseLocated)] = (Requests, "LOCATED"),
        [typeof(CaseNotLocated)] = (Requests, "NOT_LOCATED"),
        [typeof(CaseWithdrawn)] = (Requests, "WITHDRAWN"),
        [typeof(ChecklistOpened)] = (Verification, "IN_VERIFICATION"),
        [typeof(ChecklistReopened)] = (Verification, "IN_VERIFICATION"),
        [typeof(CaseVerified)] = (Verification, "VERIFIED"),
        [typeof(CaseVerificationFailed)] = (Verification, "VERIFICATION_FAILED"),
        [typeof(CaseScheduledForHandover)] = (Handover, "IN_HANDOVER"),
        [typeof(CaseReunited)] = (Handover, "REUNITED"),
        [typeof(CaseClosed)] = (Handover, "CLOSED"),
    };

    /// <summary>Which service reports which stage with <paramref name="eventType"/>, or null when the event moves no case.</summary>
    public static (Producer Producer, string Stage)? ReportedBy(Type eventType) =>
        Reported.TryGetValue(eventType, out var report) ? report : null;

    /// <summary>The case's stage from the latest stage each service reported (null: none yet).</summary>
    public static string Of(string? requests, string? verification, string? handover) =>
        requests is "REJECTED" or "DUPLICATE" or "WITHDRAWN" ? requests : handover ?? verification ?? requests ?? CaseStages.Unknown;
}
