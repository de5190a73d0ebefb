namespace Mediation.Contracts;

/// <summary>The mediator reopened a failed checklist; the reason stays in verification.</summary>
public record ChecklistReopened(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
