namespace Mediation.Contracts;

public record CaseReunited(string CaseId, string BatchId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
