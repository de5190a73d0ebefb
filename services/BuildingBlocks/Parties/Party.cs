namespace Mediation.BuildingBlocks.Parties;

/// <summary>
/// An organisation known to the deployment. Who a caller is comes only from its credentials.
/// <see cref="PublicKey"/> (base64 SubjectPublicKeyInfo, ECDSA P-256) checks what the party signs.
/// </summary>
public sealed record Party(string Id, string Name, PartyKind Kind, string? PublicKey = null)
{
    public const string ResourcePrefix = "parties/";

    public string ResourceName => ResourcePrefix + Id;

    public bool Is(PartyKind kind) => Kind == kind;
}
