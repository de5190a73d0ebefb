using Mediation.BuildingBlocks.Api;
using Mediation.BuildingBlocks.Parties;

namespace Mediation.Verification.Domain;

/// <summary>The checks one located case must pass before its handover.</summary>
public sealed class Checklist : IPartyScoped
{
    public required string CaseId { get; set; }
    public required string RequestingPartyId { get; set; }
    /// <summary>Always set: a checklist opens only for a case a holding party located.</summary>
    public required string? HoldingPartyId { get; set; }
    public ChecklistState State { get; set; } = ChecklistState.Open;
    public List<Check> Checks { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static Checklist Open(string caseId, string requestingPartyId, string holdingPartyId, IReadOnlyList<CheckType> types, DateTime now) => new()
    {
        CaseId = caseId,
        RequestingPartyId = requestingPartyId,
        HoldingPartyId = holdingPartyId,
        CreatedAt = now,
        UpdatedAt = now,
        Checks = types.Select((t, i) => new Check
        {
            CaseId = caseId,
            Type = t,
            OwnerKind = ChecklistRules.OwnerOf(t),
            Order = i,
            CreatedAt = now,
        }).ToList(),
    };

    /// <summary>The case was withdrawn: an open checklist takes no more attestations. False if it was already settled.</summary>
    public bool Withdraw(DateTime now)
    {
        if (State != ChecklistState.Open)
            return false;
        State = ChecklistState.Withdrawn;
        UpdatedAt = now;
        Version++;
        return true;
    }

    /// <summary>
    /// Applies one party's attestation. Refuses (PERMISSION_DENIED) a party of another kind than the
    /// check's owner, and (FAILED_PRECONDITION) a settled checklist or check, or a best-interests
    /// sign-off before every other check has passed.
    /// </summary>
    public void Attest(CheckType type, AttestationOutcome outcome, string reason, IEnumerable<EvidenceReference> evidence,
        Party party, string officer, DateTime now)
    {
        var check = Checks.SingleOrDefault(c => c.Type == type)
            ?? throw new TransitionRefused($"This case's checklist has no {type} check.");
        if (party.Kind != check.OwnerKind)
            throw new NotPermitted($"Only a {check.OwnerKind.ToString().ToLowerInvariant()} party may attest the {type} check.");
        if (State != ChecklistState.Open)
            throw new TransitionRefused($"The checklist is {State}; no check can be attested.");
        if (type == CheckType.BestInterests && Checks.Any(c => c.Type != CheckType.BestInterests && c.State != CheckState.Passed))
            throw new TransitionRefused("The best-interests sign-off comes last, once every other check has passed.");

        check.State = CheckTransitions.Next(check.State, outcome)
            ?? throw new TransitionRefused($"The {type} check is already {check.State}.");
        check.Reason = reason;
        check.Evidence = evidence.ToList();
        check.AttestedByPartyId = party.Id;
        check.AttestedByOfficer = officer;
        check.AttestedAt = now;

        if (check.State == CheckState.Failed)
            State = ChecklistState.Failed;
        else if (Checks.All(c => c.State == CheckState.Passed))
            State = ChecklistState.Verified;
        UpdatedAt = now;
        Version++;
    }
}
