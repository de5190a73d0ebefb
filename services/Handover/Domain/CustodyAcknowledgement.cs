namespace Mediation.Handover.Domain;

/// <summary>One side's acknowledgement of one leg for one child: an entry of the custody chain.</summary>
public sealed class CustodyAcknowledgement
{
    public long Sequence { get; set; }
    public required string CaseId { get; set; }
    public required string BatchId { get; set; }
    public int Leg { get; set; }
    public required string FromCustodian { get; set; }
    public required string ToCustodian { get; set; }
    public CustodyRole Role { get; set; }
    public required string PartyId { get; set; }
    public required string Officer { get; set; }
    public required string Place { get; set; }
    /// <summary>The time in the signed statement.</summary>
    public DateTime AcknowledgedAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required byte[] Signature { get; set; }
    public required string PreviousHash { get; set; }
    public required string EntryHash { get; set; }
}
