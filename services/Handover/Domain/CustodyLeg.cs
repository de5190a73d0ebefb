namespace Mediation.Handover.Domain;

/// <summary>One planned transfer in a batch, from one custodian to the next, at one place.</summary>
public sealed class CustodyLeg
{
    public int Number { get; set; }
    public required string FromCustodian { get; set; }
    public required string ToCustodian { get; set; }
    public required string Place { get; set; }
}
