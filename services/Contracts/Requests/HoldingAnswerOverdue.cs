namespace Mediation.Contracts;

/// <summary>An escalation: the holding party has not said whether it located a forwarded child by <see cref="DueAt"/>.</summary>
public record HoldingAnswerOverdue(string CaseId, string HoldingPartyId, DateTime DueAt, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
