namespace Mediation.Contracts;

public record CaseClosed(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
