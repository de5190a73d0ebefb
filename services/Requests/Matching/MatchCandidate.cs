namespace Mediation.Requests.Matching;

/// <summary>An earlier open case that may be the same child as a case submitted later, for the mediator to decide.</summary>
public sealed class MatchCandidate
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string CandidateId { get; set; }
    public double Score { get; set; }
    public MatchState State { get; set; } = MatchState.Open;
    public DateTime CreatedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}
