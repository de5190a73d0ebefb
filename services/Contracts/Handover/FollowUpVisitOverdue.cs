namespace Mediation.Contracts;

/// <summary>An escalation: follow-up visit <see cref="VisitNumber"/> was due at <see cref="DueAt"/> and is not recorded.</summary>
public record FollowUpVisitOverdue(string CaseId, int VisitNumber, DateTime DueAt, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
