namespace Mediation.Contracts;

public record CaseSubmitted(string CaseId, string RequestId, string RequestingPartyId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
