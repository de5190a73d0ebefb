using Mediation.BuildingBlocks.Parties;
using Mediation.Verification.Domain;
using static Mediation.Verification.Domain.CheckType;

namespace Mediation.UnitTests;

public class ChecklistRulesTests
{
    private readonly ChecklistRules _rules = new(childViewsFromAge: 12);

    [Fact]
    public void A_toddler_claimed_by_an_uncle_needs_custody_but_not_views() =>
        Assert.Equal([Identity, Relationship, Custody, FamilyCare, ReleaseConsent, BestInterests], _rules.ChecksFor(2, hasSpecialNeeds: false, claimantIsParent: false));

    [Fact]
    public void A_teenager_claimed_by_a_parent_is_heard_and_needs_no_custody_check() =>
        Assert.Equal([Identity, Relationship, FamilyCare, ReleaseConsent, ChildViews, BestInterests], _rules.ChecksFor(14, hasSpecialNeeds: false, claimantIsParent: true));

    [Fact]
    public void Every_child_gets_the_checks_practice_requires_of_every_return() =>
        Assert.All([(0, false, true), (9, true, false), (17, false, false)], profile =>
            Assert.Superset(new HashSet<CheckType> { Identity, Relationship, FamilyCare, ReleaseConsent, BestInterests },
                _rules.ChecksFor(profile.Item1, profile.Item2, profile.Item3).ToHashSet()));

    [Fact]
    public void A_child_with_special_needs_gets_a_care_plan() =>
        Assert.Contains(CarePlan, _rules.ChecksFor(5, hasSpecialNeeds: true, claimantIsParent: true));

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(17, true)]
    public void The_childs_views_count_from_the_configured_age(int age, bool heard) =>
        Assert.Equal(heard, _rules.ChecksFor(age, false, true).Contains(ChildViews));

    [Fact]
    public void The_age_for_views_is_configurable() =>
        Assert.Contains(ChildViews, new ChecklistRules(childViewsFromAge: 10).ChecksFor(10, false, true));

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(16, true, false)]
    [InlineData(13, true, true)]
    public void Best_interests_is_always_last(int age, bool needs, bool parent) =>
        Assert.Equal(BestInterests, _rules.ChecksFor(age, needs, parent)[^1]);

    [Theory]
    [InlineData(Identity, PartyKind.Holding)]
    [InlineData(Relationship, PartyKind.Requesting)]
    [InlineData(Custody, PartyKind.Requesting)]
    [InlineData(ReleaseConsent, PartyKind.Holding)]
    [InlineData(ChildViews, PartyKind.Mediator)]
    [InlineData(CarePlan, PartyKind.Requesting)]
    [InlineData(BestInterests, PartyKind.Mediator)]
    [InlineData(FamilyCare, PartyKind.Requesting)]
    public void Each_check_has_one_owning_kind(CheckType type, PartyKind owner) =>
        Assert.Equal(owner, ChecklistRules.OwnerOf(type));
}
