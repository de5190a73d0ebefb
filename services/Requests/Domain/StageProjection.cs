using Mediation.Contracts;
using static Mediation.Requests.Domain.CaseStage;

namespace Mediation.Requests.Domain;

/// <summary>
/// A case's stage, worked out from the latest stage each service reported rather than moved event by event,
/// so that it does not depend on the order events arrive in (docs/DESIGN.md §7). The parties' calls here give
/// the registry stage (<see cref="CaseTransitions"/>); verification and handover each report theirs in
/// their own order. A rejected, duplicate or withdrawn case stays so; otherwise the furthest service that
/// has said anything decides: handover, then verification, then the registry.
/// </summary>
public static class StageProjection
{
    public const string Registry = "requests";
    public const string Verification = "verification";
    public const string Handover = "handover";

    private static readonly Dictionary<string, CaseStage> Reported = new()
    {
        [nameof(CaseSubmitted)] = Submitted,
        [nameof(CaseAccepted)] = Accepted,
        [nameof(CaseRejected)] = Rejected,
        [nameof(CaseMarkedDuplicate)] = Duplicate,
        [nameof(CaseForwarded)] = Forwarded,
        [nameof(CaseLocated)] = Located,
        [nameof(CaseNotLocated)] = NotLocated,
        [nameof(CaseWithdrawn)] = Withdrawn,

        [nameof(ChecklistOpened)] = InVerification,
        // Failed, then reopened, then verified or failed again: the verification's sequence orders the cycle.
        [nameof(ChecklistReopened)] = InVerification,
        [nameof(CaseVerified)] = Verified,
        [nameof(CaseVerificationFailed)] = VerificationFailed,

        // A child held back and planned into a later batch is scheduled twice: still in handover.
        [nameof(CaseScheduledForHandover)] = InHandover,
        [nameof(CaseReunited)] = Reunited,
        [nameof(CaseClosed)] = Closed,
    };

    /// <summary>The types of the events that report a stage.</summary>
    public static readonly string[] ReportingTypes = [.. Reported.Keys];

    /// <summary>The stage an event of type <paramref name="eventType"/> reports for its service, or null when it moves no case.</summary>
    public static CaseStage? ReportedBy(string eventType) => Reported.TryGetValue(eventType, out var stage) ? stage : null;

    /// <summary>The case's stage from the registry's stage and the latest stage verification and handover reported (null: none yet).</summary>
    public static CaseStage Of(CaseStage registry, CaseStage? verification, CaseStage? handover) =>
        registry is Rejected or Duplicate or Withdrawn ? registry : handover ?? verification ?? registry;
}
