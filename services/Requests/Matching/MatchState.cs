namespace Mediation.Requests.Matching;

public enum MatchState
{
    Open = 1,
    Confirmed = 2,
    Dismissed = 3,
}
