namespace Mediation.Contracts;

public record CaseForwarded(string CaseId, string HoldingPartyId, DateTime OccurredAt, string? PartyId, string? Officer) : ICaseEvent;
