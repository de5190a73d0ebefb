namespace Mediation.Contracts;

public record CaseMarkedDuplicate(string CaseId, string DuplicateOfCaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
