namespace Mediation.Contracts;

public record CaseAccepted(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
