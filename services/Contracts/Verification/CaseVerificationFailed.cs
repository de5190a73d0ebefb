namespace Mediation.Contracts;

public record CaseVerificationFailed(string CaseId, string Check, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
