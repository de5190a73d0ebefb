namespace Mediation.Contracts;

/// <summary><see cref="SharingStopped"/>: the consent to share was withdrawn; handover must not plan the child's transfer.</summary>
public record CaseVerified(string CaseId, string RequestingPartyId, string HoldingPartyId, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence, bool SharingStopped = false) : ICaseEvent;
