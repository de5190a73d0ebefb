using Mediation.Contracts;

namespace Mediation.Operations.Domain;

/// <summary>
/// The stage a case is in after each event that moves it, as the requests service names its stages
/// (<c>mediation.requests.v1.CaseStage</c>). Events from several services arrive on separate queues, so
/// the projection orders them by when they happened (<see cref="TrackedCase.MoveTo"/>).
/// </summary>
public static class CaseStages
{
    public const string Unknown = "UNKNOWN";

    private static readonly Dictionary<Type, string> After = new()
    {
        [typeof(CaseSubmitted)] = "SUBMITTED",
        [typeof(CaseAccepted)] = "ACCEPTED",
        [typeof(CaseRejected)] = "REJECTED",
        [typeof(CaseMarkedDuplicate)] = "DUPLICATE",
        [typeof(CaseForwarded)] = "FORWARDED",
        [typeof(CaseLocated)] = "LOCATED",
        [typeof(CaseNotLocated)] = "NOT_LOCATED",
        [typeof(ChecklistOpened)] = "IN_VERIFICATION",
        [typeof(ChecklistReopened)] = "IN_VERIFICATION",
        [typeof(CaseVerified)] = "VERIFIED",
        [typeof(CaseVerificationFailed)] = "VERIFICATION_FAILED",
        [typeof(CaseScheduledForHandover)] = "IN_HANDOVER",
        [typeof(CaseReunited)] = "REUNITED",
        [typeof(CaseClosed)] = "CLOSED",
        [typeof(CaseWithdrawn)] = "WITHDRAWN",
    };

    /// <summary>In the order a case goes through them, for the dashboard's columns.</summary>
    public static readonly IReadOnlyList<string> InOrder =
    [
        "SUBMITTED", "ACCEPTED", "FORWARDED", "LOCATED", "NOT_LOCATED", "IN_VERIFICATION", "VERIFIED",
        "VERIFICATION_FAILED", "IN_HANDOVER", "REUNITED", "CLOSED", "REJECTED", "DUPLICATE", "WITHDRAWN",
    ];

    /// <summary>The stage after <paramref name="eventType"/>, or null when the event does not move the case.</summary>
    public static string? AfterEvent(Type eventType) => After.GetValueOrDefault(eventType);

    public static bool IsFinal(string stage) => stage is "REJECTED" or "DUPLICATE" or "WITHDRAWN" or "CLOSED";
}
