namespace Mediation.Contracts;

/// <summary>The reason stays in the requests service: free text may name people.</summary>
public record CaseRejected(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
