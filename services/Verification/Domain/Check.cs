using Mediation.BuildingBlocks.Parties;

namespace Mediation.Verification.Domain;

/// <summary>One check of a checklist, owned by one kind of party, waiting on one kind of party until settled.</summary>
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
    /// <summary>Who must act next: the owner, or while more information is needed, the party asked.</summary>
    public PartyKind WaitingOn { get; set; }
    /// <summary>When that party is due to act; null once settled, and for the sign-off until it can be given.</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>When the current deadline was escalated as overdue; null until then.</summary>
    public DateTime? EscalatedAt { get; set; }
    /// <summary>The last answer to a request for more information.</summary>
    public string InformationNote { get; set; } = "";

    public bool IsSettled => State is CheckState.Passed or CheckState.Failed;

    public void WaitOn(PartyKind kind, DateTime? dueAt)
    {
        WaitingOn = kind;
        DueAt = dueAt;
        EscalatedAt = null;
    }
}
