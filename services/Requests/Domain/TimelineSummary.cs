using Mediation.Contracts;

namespace Mediation.Requests.Domain;

/// <summary>One line per event for the timeline, from the event's ids and codes only.</summary>
public static class TimelineSummary
{
    public static string Of(ICaseEvent e) => e switch
    {
        CaseSubmitted => "submitted",
        CaseAccepted => "accepted by the mediator",
        CaseRejected => "rejected by the mediator",
        CaseMarkedDuplicate d => $"duplicate of cases/{d.DuplicateOfCaseId}",
        CaseForwarded f => f.ConsentOverridden
            ? $"forwarded to parties/{f.HoldingPartyId} without consent to share, on the mediator's override"
            : $"forwarded to parties/{f.HoldingPartyId}",
        CaseLocated => "located by the holding party",
        CaseNotLocated => "not located by the holding party",
        CaseWithdrawn => "withdrawn by the requesting party",
        ShareConsentWithdrawn => "consent to share withdrawn: sharing with the holding party stopped",
        HoldingAnswerOverdue o => $"parties/{o.HoldingPartyId} has not answered since {o.DueAt:yyyy-MM-dd} UTC",
        ChecklistOpened o => $"checklist opened: {string.Join(", ", o.Checks)}",
        CheckAttested a => $"check {a.Check}: {a.Outcome}",
        CaseVerified => "verified: every check passed",
        CaseVerificationFailed f => $"verification failed at check {f.Check}",
        ChecklistReopened => "checklist reopened by the mediator",
        CheckInformationProvided i => $"information provided for check {i.Check}",
        CheckOverdue o => $"check {o.Check} overdue since {o.DueAt:yyyy-MM-dd HH:mm} UTC, waiting on the {o.WaitingOn} party",
        CaseScheduledForHandover s => $"scheduled in batches/{s.BatchId}",
        CustodyTransferred t => $"leg {t.Leg} done: {t.FromCustodian} → {t.ToCustodian}",
        CaseReunited => "reunited with the claimant",
        FollowUpVisitRecorded f => $"follow-up visit {f.VisitNumber} recorded",
        CaseClosed => "closed",
        HandoverIncidentRecorded i => i.HeldBack ? $"incident ({i.Kind}): held back in batches/{i.BatchId}" : $"incident ({i.Kind}) in batches/{i.BatchId}",
        HoldReleased r => $"released from hold, rejoins batches/{r.BatchId}",
        FollowUpVisitOverdue o => $"follow-up visit {o.VisitNumber} overdue since {o.DueAt:yyyy-MM-dd} UTC",
        _ => e.GetType().Name,
    };
}
