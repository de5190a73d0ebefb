using Mediation.BuildingBlocks.Parties;

namespace Mediation.Verification.Domain;

/// <summary>One check of a checklist, owned by one kind of party.</summary>
public sealed class Check
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public CheckType Type { get; set; }
    public PartyKind OwnerKind { get; set; }
    /// <summary>Position in the checklist; best interests is always last.</summary>
    public int Order { get; set; }
    public CheckState State { get; set; } = CheckState.Pending;
    public string Reason { get; set; } = "";
    public List<EvidenceReference> Evidence { get; set; } = [];
    public string? AttestedByPartyId { get; set; }
    public string? AttestedByOfficer { get; set; }
    public DateTime? AttestedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
