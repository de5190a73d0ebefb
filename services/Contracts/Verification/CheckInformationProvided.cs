namespace Mediation.Contracts;

/// <summary>The party asked for more information on a check answered; the note stays in verification.</summary>
public record CheckInformationProvided(string CaseId, string Check, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
