namespace Mediation.Contracts;

public record CaseVerified(string CaseId, string RequestingPartyId, string HoldingPartyId, DateTime OccurredAt, string? PartyId, string? Officer) : ICaseEvent;
