using Google.Protobuf.WellKnownTypes;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Host.Demo;

/// <summary>
/// The reference case of docs/DESIGN.md §1 with invented names: eleven children aged 2 to 16, each with the
/// relative who claims them and where the holding party finds them. The girl of 8 and the girl of 12
/// are the two the public account leaves unspecified.
/// </summary>
public static class ReferenceChildren
{
    public sealed record Entry(RequestsApi.ChildRequest Request, Common.Place FoundAt, string Story);

    /// <summary>
    /// Every name, contact and settlement of the children and their relatives: what must never appear
    /// on the bus, in logs or on the dashboard. Tests search for these.
    /// </summary>
    public static IReadOnlyList<string> PersonalDetails(IEnumerable<Entry> entries) => entries
        .SelectMany(e => new[]
            {
                e.Request.Child.GivenName, e.Request.Child.FamilyName, e.Request.Child.SpecialNeeds,
                e.Request.Child.LastKnownPlace?.Settlement, e.FoundAt.Settlement,
            }
            .Concat(e.Request.Claimants.SelectMany(c => new[] { c.GivenName, c.FamilyName, c.Contact?.Phone, c.Contact?.Email, c.Contact?.Address })))
        .Where(s => !string.IsNullOrWhiteSpace(s))
        .Select(s => s!)
        .Distinct(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<Entry> All(DateOnly today)
    {
        var orphanage = Place("Southern Region", "Riverside", "Riverside Children's Home No. 2");
        var institution = Place("Eastern Region", "Steppe Town", "Boarding Institution for Children with Special Needs");
        var movedTo = Place("Coastal Region", "Harbour City", "Harbour City Specialised Children's Home");
        return
        [
            Child("Mykola", "Hrytsenko", Born(today, 2, 11), orphanage, "", Uncle("Petro", "Hrytsenko", custody: true), orphanage,
                "twin, age 2, placed in an orphanage by his parents; his uncle now has custody"),
            Child("Maryna", "Hrytsenko", Born(today, 2, 11), orphanage, "", Uncle("Petro", "Hrytsenko", custody: true), orphanage,
                "twin, age 2, with her brother; the same uncle"),
            Child("Sofiia", "Bondarenko", Born(today, 5, 40), institution, "Cerebral palsy; needs a wheelchair and daily physiotherapy",
                Claimant("Halyna", "Bondarenko", RequestsApi.Relationship.LegalGuardian, custody: true), movedTo,
                "age 5, special needs, moved during the offensive to another region"),
            Child("Artem", "Kovalchuk", Born(today, 6, 200), institution, "Epilepsy; daily medication",
                Claimant("Iryna", "Kovalchuk", RequestsApi.Relationship.Aunt, custody: true), movedTo,
                "age 6, special needs, moved with the institution"),
            Child("Denys", "Melnyk", Born(today, 10, 75), Place("Southern Region", "Lakeside", ""), "",
                Claimant("Olha", "Melnyk", RequestsApi.Relationship.Grandparent, custody: true), Place("Southern Region", "Lakeside", ""),
                "age 10, living alone after his mother died"),
            Child("Yuliia", "Savchenko", Born(today, 13, 120), Place("Eastern Region", "Mine Settlement", ""), "",
                Claimant("Tetiana", "Savchenko", RequestsApi.Relationship.Aunt, custody: false), Place("Eastern Region", "Mine Settlement", ""),
                "age 13, living alone after her mother died; her own views count"),
            Child("Bohdan", "Savchenko", Born(today, 15, 300), Place("Eastern Region", "Mine Settlement", ""), "",
                Claimant("Tetiana", "Savchenko", RequestsApi.Relationship.Aunt, custody: false), Place("Eastern Region", "Mine Settlement", ""),
                "age 15, her brother"),
            Child("Oleksandr", "Tkachenko", Born(today, 14, 33), Place("Southern Region", "Old Port", ""), "",
                Claimant("Nataliia", "Tkachenko", RequestsApi.Relationship.Mother, custody: true), Place("Southern Region", "Old Port", "Foster family"),
                "age 14; his mother was held captive and has been released"),
            Child("Vladyslav", "Shevchuk", Born(today, 16, 150), Place("Eastern Region", "Border Village", ""), "",
                Claimant("Liudmyla", "Shevchuk", RequestsApi.Relationship.Aunt, custody: true), Place("Eastern Region", "Border Village", ""),
                "age 16; his family died during an evacuation attempt; his aunt is his guardian"),
            Child("Anastasiia", "Lysenko", Born(today, 8, 10), Place("Coastal Region", "Harbour City", ""), "",
                Claimant("Vasyl", "Lysenko", RequestsApi.Relationship.Grandparent, custody: true), Place("Coastal Region", "Harbour City", "Temporary shelter"),
                "age 8, with her grandfather's claim (invented)"),
            Child("Kateryna", "Moroz", Born(today, 12, 5), Place("Southern Region", "Riverside", ""), "",
                Claimant("Andrii", "Moroz", RequestsApi.Relationship.Father, custody: true), Place("Southern Region", "Riverside", "Boarding school"),
                "age 12, her father's claim (invented)"),
        ];
    }

    private static Entry Child(string given, string family, Common.CalendarDate born, Common.Place last, string needs,
        RequestsApi.Claimant claimant, Common.Place foundAt, string story)
    {
        var request = new RequestsApi.ChildRequest
        {
            Child = new RequestsApi.Child { GivenName = given, FamilyName = family, BirthDate = born, LastKnownPlace = last, SpecialNeeds = needs },
        };
        request.Claimants.Add(claimant);
        // Consent to trace and to share, given by the claimant when the ministry took the request.
        var consented = new RequestsApi.ConsentGrant { Given = true, GivenBy = $"claimant ({claimant.Relationship})", GiveTime = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-30)) };
        request.Consent = new RequestsApi.Consent { Trace = consented, Share = consented.Clone() };
        return new Entry(request, foundAt, story);
    }

    private static RequestsApi.Claimant Uncle(string given, string family, bool custody) =>
        Claimant(given, family, RequestsApi.Relationship.Uncle, custody);

    private static RequestsApi.Claimant Claimant(string given, string family, RequestsApi.Relationship relationship, bool custody) => new()
    {
        GivenName = given,
        FamilyName = family,
        Relationship = relationship,
        HoldsCustody = custody,
        Contact = new RequestsApi.ContactDetails
        {
            Phone = $"+000 55 {given.Length:D3} {family.Length:D3}",
            Address = $"{family} family home, Capital District",
        },
    };

    private static Common.Place Place(string region, string settlement, string institution) =>
        new() { Region = region, Settlement = settlement, Institution = institution };

    private static Common.CalendarDate Born(DateOnly today, int years, int daysBefore)
    {
        var d = today.AddYears(-years).AddDays(-daysBefore);
        return new Common.CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }
}
