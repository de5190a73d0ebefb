namespace Mediation.Contracts;

/// <summary>Outcome is <c>PASSED</c>, <c>FAILED</c> or <c>MORE_INFO_NEEDED</c>; reasons and evidence stay in verification.</summary>
public record CheckAttested(string CaseId, string Check, string Outcome, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
