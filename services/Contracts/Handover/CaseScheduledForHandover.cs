namespace Mediation.Contracts;

public record CaseScheduledForHandover(string CaseId, string BatchId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
