using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;

namespace Mediation.Verification.Domain;

/// <summary>The checks one located case must pass before its handover.</summary>
public sealed class Checklist : IPartyScoped
{
    public required string CaseId { get; set; }
    public required string RequestingPartyId { get; set; }
    /// <summary>Set once <see cref="Located"/>: a checklist opens only for a case a holding party located.</summary>
    public required string? HoldingPartyId { get; set; }
    /// <summary>
    /// False while the row only holds what reached this service before the case's <c>CaseLocated</c> (its
    /// withdrawal, the consent to share withdrawn): no query sees it, and <see cref="Locate"/> keeps what it holds.
    /// It exists so that every consumer of the case writes the same row and two of them at once conflict.
    /// </summary>
    public bool Located { get; set; }
    public ChecklistState State { get; set; } = ChecklistState.Open;
    public List<Check> Checks { get; set; } = [];
    public string ReopenReason { get; set; } = "";
    /// <summary>The consent to share was withdrawn: the holding party takes no further part.</summary>
    public bool SharingStopped { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// Optimistic concurrency, and the sequence of the events this service publishes about the case
    /// (<see cref="Mediation.Contracts.ICaseEvent.Sequence"/>): every change that publishes one moves it first.
    /// </summary>
    public int Version { get; set; }

    public static Checklist Open(string caseId, string requestingPartyId, string holdingPartyId, IReadOnlyList<CheckType> types,
        VerificationDeadlines deadlines, DateTime now)
    {
        var list = AwaitingLocation(caseId, now);
        list.Locate(requestingPartyId, holdingPartyId, types, deadlines, now);
        return list;
    }

    /// <summary>The row for a case whose <c>CaseLocated</c> has not reached this service yet.</summary>
    public static Checklist AwaitingLocation(string caseId, DateTime now) => new()
    {
        CaseId = caseId,
        RequestingPartyId = "",
        HoldingPartyId = null,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// The case was located: the checklist gets its parties and checks, fitted to the child. It opens for
    /// attestations unless the case was withdrawn first; a consent to share withdrawn first stays withdrawn.
    /// </summary>
    public void Locate(string requestingPartyId, string holdingPartyId, IReadOnlyList<CheckType> types,
        VerificationDeadlines deadlines, DateTime now)
    {
        if (Located)
            throw new InvalidOperationException($"The checklist of case {CaseId} is already located.");
        Located = true;
        RequestingPartyId = requestingPartyId;
        HoldingPartyId = holdingPartyId;
        CreatedAt = now;
        Checks = types.Select((t, i) => new Check
        {
            CaseId = CaseId,
            Type = t,
            OwnerKind = ChecklistRules.OwnerOf(t),
            WaitingOn = ChecklistRules.OwnerOf(t),
            Order = i,
            CreatedAt = now,
        }).ToList();
        ScheduleOpenChecks(deadlines, now);
        Touch(now);
    }

    /// <summary>The consent to share was withdrawn: the holding party takes no further part. False if it already was.</summary>
    public bool StopSharing(DateTime now)
    {
        if (SharingStopped)
            return false;
        SharingStopped = true;
        Touch(now);
        return true;
    }

    /// <summary>
    /// Applies the owning party's attestation. Refuses (PERMISSION_DENIED) a party of another kind than the
    /// check's owner, and (FAILED_PRECONDITION) a settled checklist or check, or a best-interests sign-off
    /// before every other check has passed. More information is asked of <paramref name="infoFrom"/>
    /// (the owner when null), who then sees the check in its pending work.
    /// </summary>
    public void Attest(CheckType type, AttestationOutcome outcome, string reason, IEnumerable<EvidenceReference> evidence,
        PartyKind? infoFrom, Party party, string officer, VerificationDeadlines deadlines, DateTime now)
    {
        var check = Find(type);
        if (party.Kind != check.OwnerKind)
            throw new NotPermitted($"Only a {check.OwnerKind.ToString().ToLowerInvariant()} party may attest the {type} check.");
        RequireOpen();
        if (SharingStopped && party.Kind == PartyKind.Holding)
            throw new TransitionRefused("The consent to share this child's data was withdrawn; the holding party takes no further part.");
        if (type == CheckType.BestInterests && Checks.Any(c => c.Type != CheckType.BestInterests && c.State != CheckState.Passed))
            throw new TransitionRefused("The best-interests sign-off comes last, once every other check has passed.");

        check.State = CheckTransitions.Next(check.State, outcome)
            ?? throw new TransitionRefused($"The {type} check is already {check.State}.");
        check.Reason = reason;
        check.Evidence = evidence.ToList();
        check.AttestedByPartyId = party.Id;
        check.AttestedByOfficer = officer;
        check.AttestedAt = now;
        if (check.State == CheckState.MoreInfoNeeded)
            check.WaitOn(infoFrom ?? check.OwnerKind, now + deadlines.Information);
        else
            check.WaitOn(check.OwnerKind, null);

        if (check.State == CheckState.Failed)
            State = ChecklistState.Failed;
        else if (Checks.All(c => c.State == CheckState.Passed))
            State = ChecklistState.Verified;
        ScheduleOpenChecks(deadlines, now);
        Touch(now);
    }

    /// <summary>The party asked for more information answers; the check goes back to its owner.</summary>
    public void ProvideInformation(CheckType type, string note, IEnumerable<EvidenceReference> evidence, Party party,
        VerificationDeadlines deadlines, DateTime now)
    {
        var check = Find(type);
        RequireOpen();
        if (SharingStopped && party.Kind == PartyKind.Holding)
            throw new TransitionRefused("The consent to share this child's data was withdrawn; the holding party takes no further part.");
        if (check.State != CheckState.MoreInfoNeeded)
            throw new TransitionRefused($"The {type} check is {check.State}; no information was asked for.");
        if (party.Kind != check.WaitingOn)
            throw new NotPermitted($"The {type} check waits for information from a {check.WaitingOn.ToString().ToLowerInvariant()} party.");
        check.State = CheckState.Pending;
        check.InformationNote = note;
        check.Evidence.AddRange(evidence);
        check.WaitOn(check.OwnerKind, now + deadlines.Check);
        Touch(now);
    }

    /// <summary>Mediator: a failed checklist opens again; its failed checks wait on their owners anew.</summary>
    public void Reopen(string reason, VerificationDeadlines deadlines, DateTime now)
    {
        if (State != ChecklistState.Failed)
            throw new TransitionRefused($"The checklist is {State}; only a failed checklist can be reopened.");
        State = ChecklistState.Open;
        ReopenReason = reason;
        foreach (var check in Checks.Where(c => c.State == CheckState.Failed))
        {
            check.State = CheckState.Pending;
            check.WaitOn(check.OwnerKind, null);
        }
        ScheduleOpenChecks(deadlines, now);
        Touch(now);
    }

    /// <summary>
    /// The check's deadline passed: marks it escalated, once per deadline. The checklist's version moves, as for
    /// every change that publishes an event (here <c>CheckOverdue</c>).
    /// </summary>
    public void Escalate(Check check, DateTime now)
    {
        check.EscalatedAt = now;
        Touch(now);
    }

    /// <summary>The case was withdrawn: an open checklist takes no more attestations. False if it was already settled.</summary>
    public bool Withdraw(DateTime now)
    {
        if (State != ChecklistState.Open)
            return false;
        State = ChecklistState.Withdrawn;
        foreach (var check in Checks.Where(c => !c.IsSettled))
            check.WaitOn(check.WaitingOn, null);
        Touch(now);
        return true;
    }

    /// <summary>
    /// Gives every check that can be acted on now a deadline, and none to those that cannot: the sign-off
    /// waits on nobody until every other check has passed, and nothing waits once the checklist is settled.
    /// </summary>
    private void ScheduleOpenChecks(VerificationDeadlines deadlines, DateTime now)
    {
        var othersPassed = Checks.Where(c => c.Type != CheckType.BestInterests).All(c => c.State == CheckState.Passed);
        foreach (var check in Checks.Where(c => !c.IsSettled))
        {
            var actionable = State == ChecklistState.Open && (check.Type != CheckType.BestInterests || othersPassed);
            if (!actionable)
                check.WaitOn(check.WaitingOn, null);
            else if (check.DueAt is null)
                check.WaitOn(check.WaitingOn, now + deadlines.Check);
        }
    }

    private Check Find(CheckType type) =>
        Checks.SingleOrDefault(c => c.Type == type) ?? throw new TransitionRefused($"This case's checklist has no {type} check.");

    private void RequireOpen()
    {
        if (State != ChecklistState.Open)
            throw new TransitionRefused($"The checklist is {State}; no check can be attested.");
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
