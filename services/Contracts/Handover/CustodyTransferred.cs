namespace Mediation.Contracts;

/// <summary>Both giver and receiver acknowledged leg <see cref="Leg"/>; custodians are <c>parties/{id}</c> or <c>claimant</c>.</summary>
public record CustodyTransferred(string CaseId, string BatchId, int Leg, string FromCustodian, string ToCustodian, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
