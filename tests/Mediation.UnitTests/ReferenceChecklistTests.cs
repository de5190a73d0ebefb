using Mediation.Host.Demo;
using Mediation.Verification.Domain;
using static Mediation.Verification.Domain.CheckType;

namespace Mediation.UnitTests;

/// <summary>Each child of the reference case (docs/DESIGN.md §1) gets the checklist its profile calls for.</summary>
public class ReferenceChecklistTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static TheoryData<string, CheckType[]> Children() => new()
    {
        // Twins of 2 claimed by their uncle: documents, not the children's word; his custody order.
        { "Mykola", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, BestInterests] },
        { "Maryna", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, BestInterests] },
        // Special needs, moved with their institution: continuity of care.
        { "Sofiia", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, CarePlan, BestInterests] },
        { "Artem", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, CarePlan, BestInterests] },
        // Living alone after their mothers died: relatives' custody; the teenagers are heard.
        { "Denys", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, BestInterests] },
        { "Yuliia", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, ChildViews, BestInterests] },
        { "Bohdan", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, ChildViews, BestInterests] },
        // Claimed by his mother, released from captivity: no custody check; her capacity (family care); his views.
        { "Oleksandr", [Identity, Relationship, FamilyCare, ReleaseConsent, ChildViews, BestInterests] },
        // His aunt, his guardian since his family died: guardianship; his views.
        { "Vladyslav", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, ChildViews, BestInterests] },
        { "Anastasiia", [Identity, Relationship, Custody, FamilyCare, ReleaseConsent, BestInterests] },
        { "Kateryna", [Identity, Relationship, FamilyCare, ReleaseConsent, ChildViews, BestInterests] },
    };

    [Theory]
    [MemberData(nameof(Children))]
    public void The_checklist_fits_the_child(string givenName, CheckType[] expected)
    {
        var entry = ReferenceChildren.All(Today).Single(e => e.Request.Child.GivenName == givenName);
        var child = entry.Request.Child;
        var born = new DateOnly(child.BirthDate.Year, child.BirthDate.Month, child.BirthDate.Day);
        var age = Today.Year - born.Year - (born > Today.AddYears(-(Today.Year - born.Year)) ? 1 : 0);
        var parent = entry.Request.Claimants.Any(c => c.Relationship is Mediation.Api.Requests.V1.Relationship.Mother or Mediation.Api.Requests.V1.Relationship.Father);

        Assert.Equal(expected, new ChecklistRules().ChecksFor(age, child.SpecialNeeds.Length > 0, parent));
    }

    [Fact]
    public void The_table_covers_all_eleven_children() =>
        Assert.Equal(ReferenceChildren.All(Today).Select(e => e.Request.Child.GivenName).Order(), Children().Select(row => (string)row[0]).Order());
}
