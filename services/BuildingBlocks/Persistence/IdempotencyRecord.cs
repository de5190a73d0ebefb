namespace Mediation.BuildingBlocks.Persistence;

/// <summary>The first answer to a party's mutating call, kept under its request id (AIP-155).</summary>
public sealed class IdempotencyRecord
{
    public required string PartyId { get; set; }
    public required string RequestId { get; set; }
    public required string Method { get; set; }
    public required string RequestSha256 { get; set; }
    public required byte[] Response { get; set; }
    public DateTime CreatedAt { get; set; }
}
