using Mediation.Contracts;

namespace Mediation.IntegrationTests;

/// <summary>
/// One child's events in the order they happened, each with the sequence its service gives it (that service's
/// version of the case after the change). The full life goes through every cycle a case can go through: not
/// located by one holding party and forwarded to another, a late answer escalated, a check escalated, failed
/// and the checklist reopened, held back by an incident and planned into a later batch, a follow-up visit
/// escalated, then closed. The withdrawn life stops at the failed verification, withdrawn by the requester.
/// </summary>
public static class CaseLife
{
    public static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    public const string Requester = "requester-1";
    public const string Holder = "holder-1";
    public const string OtherHolder = "holder-2";
    public const string Mediator = "mediator";

    /// <summary>When the requesting party withdraws the case, in the withdrawn life.</summary>
    public static readonly DateTime WithdrawnAt = Day(51);

    private static DateTime Day(double days) => Start.AddDays(days);

    public static IReadOnlyList<ICaseEvent> Full(string caseId) =>
        [.. Registry(caseId), .. Verification(caseId, complete: true), .. Handover(caseId)];

    /// <summary>Without its <see cref="CaseWithdrawn"/>: the requests service withdraws the case itself, by a party's call.</summary>
    public static IReadOnlyList<ICaseEvent> WithdrawnUntilTheCall(string caseId) =>
        [.. Registry(caseId), .. Verification(caseId, complete: false)];

    public static IReadOnlyList<ICaseEvent> Withdrawn(string caseId) =>
        [.. WithdrawnUntilTheCall(caseId), new CaseWithdrawn(caseId, WithdrawnAt, Requester, "officer-r", 20)];

    /// <summary>The service that publishes <paramref name="e"/>, as the requests service's timeline names it.</summary>
    public static string ProducerOf(ICaseEvent e) => e switch
    {
        ChecklistOpened or CheckAttested or CheckOverdue or CheckInformationProvided or CaseVerificationFailed
            or ChecklistReopened or CaseVerified => "verification",
        CaseScheduledForHandover or HandoverIncidentRecorded or HoldReleased or CustodyTransferred or CaseReunited
            or FollowUpVisitOverdue or FollowUpVisitRecorded or CaseClosed => "handover",
        _ => "requests",
    };

    /// <summary>The requests service's own events, up to the child being located.</summary>
    public static IEnumerable<ICaseEvent> Registry(string caseId)
    {
        yield return new CaseSubmitted(caseId, "request-" + caseId, Requester, Day(0), Requester, "officer-r", 1);
        yield return new CaseAccepted(caseId, Day(0.1), Mediator, "officer-m", 2);
        yield return new CaseForwarded(caseId, OtherHolder, Day(0.2), Mediator, "officer-m", 3);
        yield return new CaseNotLocated(caseId, Day(2), OtherHolder, "officer-h2", 4);
        yield return new CaseForwarded(caseId, Holder, Day(3), Mediator, "officer-m", 5);
        yield return new HoldingAnswerOverdue(caseId, Holder, Day(33), Day(33.1), null, null, 6);
        yield return new CaseLocated(caseId, Requester, Holder, 14, false, true, Day(35), Holder, "officer-h", 7);
    }

    private static IEnumerable<ICaseEvent> Verification(string caseId, bool complete)
    {
        yield return new ChecklistOpened(caseId, ["IDENTITY", "RELATIONSHIP", "RELEASE_CONSENT", "CHILD_VIEWS", "BEST_INTERESTS"], Day(35.01), null, null, 1);
        yield return new CheckAttested(caseId, "IDENTITY", "PASSED", Day(36), Holder, "officer-h", 2);
        yield return new CheckOverdue(caseId, "RELATIONSHIP", "REQUESTING", Day(49), Day(49.1), null, null, 3);
        yield return new CheckAttested(caseId, "RELATIONSHIP", "FAILED", Day(50), Requester, "officer-r", 4);
        yield return new CaseVerificationFailed(caseId, "RELATIONSHIP", Day(50), Requester, "officer-r", 4);
        if (!complete)
            yield break;
        yield return new ChecklistReopened(caseId, Day(51), Mediator, "officer-m", 5);
        yield return new CheckAttested(caseId, "RELATIONSHIP", "PASSED", Day(52), Requester, "officer-r", 6);
        yield return new CheckAttested(caseId, "RELEASE_CONSENT", "PASSED", Day(53), Holder, "officer-h", 7);
        yield return new CheckAttested(caseId, "CHILD_VIEWS", "PASSED", Day(54), Mediator, "officer-m", 8);
        yield return new CheckAttested(caseId, "BEST_INTERESTS", "PASSED", Day(55), Mediator, "officer-m", 9);
        yield return new CaseVerified(caseId, Requester, Holder, Day(55), Mediator, "officer-m", 9);
    }

    private static IEnumerable<ICaseEvent> Handover(string caseId)
    {
        const string first = "batch-a", later = "batch-b";
        yield return new CaseScheduledForHandover(caseId, first, Day(60), Mediator, "officer-m", 1);
        yield return new HandoverIncidentRecorded(caseId, first, "ChildUnwell", true, Day(61), Holder, "officer-h", 2);
        yield return new CaseScheduledForHandover(caseId, later, Day(68), Mediator, "officer-m", 3);
        // Each leg takes two acknowledgements, each a version: the giver's, then the receiver's completes it.
        yield return new CustodyTransferred(caseId, later, 1, "parties/" + Holder, "parties/" + Mediator, Day(69), Mediator, "officer-m", 5);
        yield return new CustodyTransferred(caseId, later, 2, "parties/" + Mediator, "parties/" + Requester, Day(69.5), Requester, "officer-r", 7);
        yield return new CustodyTransferred(caseId, later, 3, "parties/" + Requester, "claimant", Day(70), Requester, "officer-r", 9);
        yield return new CaseReunited(caseId, later, Day(70), Requester, "officer-r", 9);
        yield return new FollowUpVisitOverdue(caseId, 1, Day(100), Day(100.1), null, null, 10);
        yield return new FollowUpVisitRecorded(caseId, 1, Day(101), Requester, "officer-r", 11);
        yield return new FollowUpVisitRecorded(caseId, 2, Day(160), Requester, "officer-r", 12);
        yield return new CaseClosed(caseId, Day(161), Mediator, "officer-m", 13);
    }
}
