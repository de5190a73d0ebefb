using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;

namespace Mediation.Handover.Domain;

/// <summary>
/// A verified case in the handover service: its batch, how far along its legs it is, and its follow-up.
/// Its custodian is derived, never stored, so it is always exactly one: the holding party until the
/// first leg is done, then each completed leg's receiver, finally the claimant.
/// </summary>
public sealed class HandoverCase : IPartyScoped
{
    public required string CaseId { get; set; }
    public required string RequestingPartyId { get; set; }
    public required string? HoldingPartyId { get; set; }
    public HandoverCaseState State { get; set; } = HandoverCaseState.AwaitingBatch;
    public string? BatchId { get; set; }
    public int LegsCompleted { get; set; }
    public LegProgress CurrentLeg { get; set; } = LegProgress.Open;
    /// <summary>
    /// Null while the row only holds what reached this service before the case's <c>CaseVerified</c> (its
    /// withdrawal, the consent to share withdrawn): no query sees it and it cannot join a batch. It exists so
    /// that every consumer of the case writes the same row and two of them at once conflict.
    /// </summary>
    public DateTime? VerifiedAt { get; set; }
    public DateTime? ReunitedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<FollowUpVisit> Visits { get; set; } = [];
    /// <summary>The follow-up visit whose lateness was last escalated (0 for none).</summary>
    public int FollowUpEscalated { get; set; }
    /// <summary>
    /// Optimistic concurrency, and the sequence of the events this service publishes about the case
    /// (<see cref="Mediation.Contracts.ICaseEvent.Sequence"/>): every change that publishes one moves it first.
    /// </summary>
    public int Version { get; set; }
    /// <summary>The consent to share was withdrawn: no transfer of the child is planned any more.</summary>
    public bool SharingStopped { get; set; }

    public string CurrentCustodian(HandoverBatch? batch) => State switch
    {
        HandoverCaseState.AwaitingBatch or HandoverCaseState.Withdrawn => Party.ResourcePrefix + HoldingPartyId,
        HandoverCaseState.InTransfer or HandoverCaseState.HeldBack => batch!.Leg(LegsCompleted + 1).FromCustodian,
        _ => Custodian.Claimant,
    };

    public bool IsVerified => VerifiedAt is not null;

    /// <summary>The row for a case whose <c>CaseVerified</c> has not reached this service yet.</summary>
    public static HandoverCase AwaitingVerification(string caseId, string? requestingPartyId) =>
        new() { CaseId = caseId, RequestingPartyId = requestingPartyId ?? "", HoldingPartyId = null };

    /// <summary>
    /// The case was verified: it may join a batch, unless it was withdrawn first; a consent to share withdrawn
    /// first, or by the time of verification, stays withdrawn. False if it was already verified.
    /// </summary>
    public bool Verify(string requestingPartyId, string holdingPartyId, DateTime verifiedAt, bool sharingStopped)
    {
        if (IsVerified)
            return false;
        (RequestingPartyId, HoldingPartyId, VerifiedAt) = (requestingPartyId, holdingPartyId, verifiedAt);
        SharingStopped |= sharingStopped;
        Version++;
        return true;
    }

    /// <summary>The consent to share was withdrawn: no transfer of the child is planned any more. False if it already was.</summary>
    public bool StopSharing()
    {
        if (SharingStopped)
            return false;
        SharingStopped = true;
        Version++;
        return true;
    }

    /// <summary>The requesting party withdrew the case. False when it is already past joining a batch.</summary>
    public bool Withdraw()
    {
        if (HandoverCaseTransitions.Next(State, HandoverCaseAction.Withdraw) is not { } next)
            return false;
        State = next;
        Version++;
        return true;
    }

    /// <summary>Joins a batch: a verified child, or one held back from an earlier batch (whose custodian the new batch starts from).</summary>
    public void Schedule(HandoverBatch batch)
    {
        Move(HandoverCaseAction.Schedule);
        BatchId = batch.Id;
        LegsCompleted = 0;
        CurrentLeg = LegProgress.Open;
    }

    /// <summary>
    /// One side acknowledges leg <paramref name="legNumber"/>. Returns true when that completed the leg.
    /// Refuses a party that is neither side (PERMISSION_DENIED), a leg out of turn and a repeated side
    /// (FAILED_PRECONDITION). The claimant's receipt is acknowledged by the requesting party for them.
    /// </summary>
    public bool Acknowledge(HandoverBatch batch, int legNumber, CustodyRole role, Party party, DateTime now)
    {
        if (State != HandoverCaseState.InTransfer || BatchId != batch.Id)
            throw new TransitionRefused($"The case is {State} and not in transfer in batches/{batch.Id}.");
        var leg = batch.Legs.SingleOrDefault(l => l.Number == legNumber)
            ?? throw new InvalidInput(new FieldViolations().Add("leg", $"1..{batch.Legs.Count} expected"));
        var side = role == CustodyRole.Giver ? leg.FromCustodian : leg.ToCustodian;
        var actsForSide = side == party.ResourceName || (side == Custodian.Claimant && party.Id == RequestingPartyId);
        if (!actsForSide)
            throw new NotPermitted($"Only {side} may acknowledge leg {legNumber} as {role.ToString().ToLowerInvariant()}.");
        if (legNumber != LegsCompleted + 1)
            throw new TransitionRefused($"Leg {LegsCompleted + 1} is the child's current leg, not leg {legNumber}.");
        CurrentLeg = LegTransitions.Next(CurrentLeg, role)
            ?? throw new TransitionRefused($"Leg {legNumber} was already acknowledged by its {role.ToString().ToLowerInvariant()}.");
        Version++;
        if (CurrentLeg != LegProgress.Done)
            return false;

        LegsCompleted++;
        CurrentLeg = LegProgress.Open;
        if (LegsCompleted == batch.Legs.Count)
        {
            Move(HandoverCaseAction.CompleteFinalLeg);
            ReunitedAt = now;
        }
        return true;
    }

    /// <summary>
    /// An incident holds the child back: the leg under way stays unfinished (what was acknowledged of it
    /// stands), so the child stays with that leg's giver.
    /// </summary>
    public void HoldBack() => Move(HandoverCaseAction.HoldBack);

    /// <summary>An incident touched the child's batch without holding it back: only the version moves, for the event's sequence.</summary>
    public void NoteIncident() => Version++;

    /// <summary>The held-back child rejoins its batch at the leg where it stopped.</summary>
    public void Release() => Move(HandoverCaseAction.Release);

    /// <summary>When visit <paramref name="number"/> (1-based) falls due, by the policy's days after the reunion.</summary>
    public DateTime? FollowUpDue(int number, FollowUpPolicy policy) =>
        ReunitedAt is { } reunited && number >= 1 && number <= policy.RequiredVisits
            ? reunited.AddDays(policy.DaysAfterReunion[number - 1])
            : null;

    public FollowUpVisit RecordVisit(DateTime visitedAt, int required, Party party, string officer, DateTime now)
    {
        Move(HandoverCaseAction.RecordFollowUp);
        if (Visits.Count >= required)
            throw new TransitionRefused($"All {required} follow-up visits are already recorded.");
        if (visitedAt < ReunitedAt)
            throw new InvalidInput(new FieldViolations().Add("visit_time", "before the reunion"));
        var visit = new FollowUpVisit
        {
            CaseId = CaseId,
            Number = Visits.Count + 1,
            VisitedAt = visitedAt,
            PartyId = party.Id,
            Officer = officer,
            RecordedAt = now,
        };
        Visits.Add(visit);
        return visit;
    }

    public void Close(int requiredVisits, DateTime now)
    {
        if (State == HandoverCaseState.Reunited && Visits.Count < requiredVisits)
            throw new TransitionRefused($"{Visits.Count} of {requiredVisits} follow-up visits are recorded; the case closes after the last.");
        Move(HandoverCaseAction.Close);
        ClosedAt = now;
    }

    private void Move(HandoverCaseAction action)
    {
        State = HandoverCaseTransitions.Next(State, action)
            ?? throw new TransitionRefused($"A case that is {State} in handover does not allow {action}.");
        Version++;
    }
}
