namespace Mediation.Verification.Domain;

/// <summary>What a check establishes. Names match the API's <c>CHECK_TYPE_*</c> values.</summary>
public enum CheckType
{
    Identity = 1,
    Relationship = 2,
    Custody = 3,
    ReleaseConsent = 4,
    ChildViews = 5,
    CarePlan = 6,
    BestInterests = 7,
    FamilyCare = 8,
}
