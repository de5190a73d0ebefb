namespace Mediation.Contracts;

/// <summary>
/// The holding party found the child. Carries what verification needs to fit
/// the checklist to the child — an age in whole years and two flags — and no
/// name, date or place.
/// </summary>
public record CaseLocated(
    string CaseId,
    string RequestingPartyId,
    string HoldingPartyId,
    int ChildAgeYears,
    bool HasSpecialNeeds,
    bool ClaimantIsParent,
    DateTime OccurredAt,
    string? PartyId,
    string? Officer,
    int Sequence,
    bool SharingStopped = false) : ICaseEvent;
