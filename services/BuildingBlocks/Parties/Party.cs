namespace Mediation.BuildingBlocks.Parties;

/// <summary>An organisation known to the deployment. Who a caller is comes only from its credentials.</summary>
public sealed record Party(string Id, string Name, PartyKind Kind)
{
    public const string ResourcePrefix = "parties/";

    public string ResourceName => ResourcePrefix + Id;

    public bool Is(PartyKind kind) => Kind == kind;
}
