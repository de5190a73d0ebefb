namespace Mediation.Contracts;

public record HoldReleased(string CaseId, string BatchId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
