namespace Mediation.Contracts;

public record CaseWithdrawn(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
