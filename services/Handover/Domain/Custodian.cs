namespace Mediation.Handover.Domain;

/// <summary>Who holds a child: <c>parties/{id}</c>, or <c>claimant</c> — the relative at the end of the chain.</summary>
public static class Custodian
{
    public const string Claimant = "claimant";
}
