namespace Mediation.Requests.Domain;

/// <summary>
/// What one requesting party's submissions may grow to, so that no party can make the registry grow without
/// bound, nor bury the mediator's review: how many match candidates a case keeps (the best ones,
/// <c>Requests:MatchCandidatesPerCase</c>, default 5) and how many cases a party may have open at once
/// (<c>Requests:OpenCasesPerParty</c>, default 10,000).
/// </summary>
public sealed record IntakeLimits(int CandidatesPerCase, int OpenCasesPerParty)
{
    public static readonly IntakeLimits Default = new(5, 10_000);
}
