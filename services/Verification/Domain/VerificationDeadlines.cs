namespace Mediation.Verification.Domain;

/// <summary>
/// How long a party has to act on a check (<c>Verification:CheckDays</c>, default 14) and to answer a
/// request for more information (<c>Verification:InformationDays</c>, default 7). Past it, the check is
/// escalated to the operators once.
/// </summary>
public sealed record VerificationDeadlines(TimeSpan Check, TimeSpan Information)
{
    public static readonly VerificationDeadlines Default = new(TimeSpan.FromDays(14), TimeSpan.FromDays(7));
}
