namespace Mediation.Contracts;

public record FollowUpVisitRecorded(string CaseId, int VisitNumber, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
