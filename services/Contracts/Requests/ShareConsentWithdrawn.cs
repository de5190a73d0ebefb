namespace Mediation.Contracts;

/// <summary>The consent to share this child's data was withdrawn: every service stops the holding party's part in the case.</summary>
public record ShareConsentWithdrawn(string CaseId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
