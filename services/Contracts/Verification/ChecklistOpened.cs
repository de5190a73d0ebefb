namespace Mediation.Contracts;

/// <summary>Checks are named by their type (e.g. <c>IDENTITY</c>), in the order they are expected.</summary>
public record ChecklistOpened(string CaseId, IReadOnlyList<string> Checks, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
