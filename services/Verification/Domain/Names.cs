namespace Mediation.Verification.Domain;

/// <summary>Codes used on the bus and in timelines, the same as the API's enum value names (e.g. <c>RELEASE_CONSENT</c>).</summary>
public static class Names
{
    public static string Of(CheckType type) => Code(type.ToString());

    public static string Of(AttestationOutcome outcome) => Code(outcome.ToString());

    public static string Of(Mediation.BuildingBlocks.Parties.PartyKind kind) => Code(kind.ToString());

    private static string Code(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));
}
