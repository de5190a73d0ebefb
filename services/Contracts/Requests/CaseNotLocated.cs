namespace Mediation.Contracts;

public record CaseNotLocated(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
