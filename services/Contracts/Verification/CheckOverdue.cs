namespace Mediation.Contracts;

/// <summary>An escalation: a check's deadline passed while it waited on a kind of party (<c>REQUESTING</c>, <c>HOLDING</c>, <c>MEDIATOR</c>).</summary>
public record CheckOverdue(string CaseId, string Check, string WaitingOn, DateTime DueAt, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
