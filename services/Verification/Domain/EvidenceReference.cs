namespace Mediation.Verification.Domain;

/// <summary>A document that supports an attestation, known by its hash; the document stays with its holder.</summary>
public sealed class EvidenceReference
{
    public required string Kind { get; set; }
    public required string Issuer { get; set; }
    public required string Sha256 { get; set; }
}
