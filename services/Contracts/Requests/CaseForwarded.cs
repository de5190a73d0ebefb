namespace Mediation.Contracts;

/// <summary><see cref="ConsentOverridden"/>: forwarded without consent to share, on the mediator's recorded override.</summary>
public record CaseForwarded(string CaseId, string HoldingPartyId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence, bool ConsentOverridden = false) : ICaseEvent;
