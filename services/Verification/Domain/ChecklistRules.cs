using Mediation.BuildingBlocks.Parties;

namespace Mediation.Verification.Domain;

/// <summary>
/// Which checks a child's return needs, and who owns each: the one place these rules live.
/// The child's own views count from <see cref="ChildViewsFromAge"/> (configuration
/// <c>Verification:ChildViewsFromAge</c>, default 12).
/// </summary>
public sealed class ChecklistRules(int childViewsFromAge = 12)
{
    public int ChildViewsFromAge { get; } = childViewsFromAge;

    public static PartyKind OwnerOf(CheckType type) => type switch
    {
        CheckType.Identity => PartyKind.Holding,
        CheckType.Relationship => PartyKind.Requesting,
        CheckType.Custody => PartyKind.Requesting,
        CheckType.ReleaseConsent => PartyKind.Holding,
        CheckType.ChildViews => PartyKind.Mediator,
        CheckType.CarePlan => PartyKind.Requesting,
        CheckType.BestInterests => PartyKind.Mediator,
        CheckType.FamilyCare => PartyKind.Requesting,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The checks for a child, in the order they are expected; best interests last.</summary>
    public IReadOnlyList<CheckType> ChecksFor(int childAgeYears, bool hasSpecialNeeds, bool claimantIsParent)
    {
        var checks = new List<CheckType> { CheckType.Identity, CheckType.Relationship };
        if (!claimantIsParent)
            checks.Add(CheckType.Custody);
        checks.Add(CheckType.FamilyCare);
        checks.Add(CheckType.ReleaseConsent);
        if (childAgeYears >= ChildViewsFromAge)
            checks.Add(CheckType.ChildViews);
        if (hasSpecialNeeds)
            checks.Add(CheckType.CarePlan);
        checks.Add(CheckType.BestInterests);
        return checks;
    }
}
