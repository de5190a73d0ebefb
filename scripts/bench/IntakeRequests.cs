using Google.Protobuf.WellKnownTypes;
using RequestsApi = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Bench;

/// <summary>Realistic requests: 1 to 11 children each (as in the reference case), with claimants and consents.</summary>
public static class IntakeRequests
{
    private static readonly string[] Given = ["Oleksandr", "Mykola", "Sofiia", "Artem", "Denys", "Yuliia", "Bohdan", "Kateryna", "Anastasiia", "Vladyslav", "Maryna"];
    private static readonly string[] Family = ["Kovalchuk", "Hrytsenko", "Bondarenko", "Melnyk", "Savchenko", "Tkachenko", "Shevchuk", "Lysenko", "Moroz", "Rudenko", "Boiko"];

    public static RequestsApi.SubmitRequestRequest For(string run, long n) => Request(run, n, (int)(n % 11) + 1);

    /// <summary>One child (a whole-lifecycle case): ages 1..16, so some give their own views; every fifth has special needs.</summary>
    public static RequestsApi.SubmitRequestRequest OneChild(string run, long n)
    {
        var request = Request(run, n, 1);
        if (n % 5 == 0)
            request.Children[0].Child.SpecialNeeds = "epilepsy: daily medication, must travel with a carer";
        return request;
    }

    /// <summary>A request of exactly <paramref name="children"/> children.</summary>
    public static RequestsApi.SubmitRequestRequest WithChildren(string run, long n, int children) => Request(run, n, children);

    /// <summary>A run's hexadecimal id, a syllable per digit, each of a consonant and a vowel that sound apart in a name key.</summary>
    private static string RunInLetters(string run) => string.Concat(run.Select(c =>
    {
        var digit = Convert.ToInt32(c.ToString(), 16);
        return $"{"bdfgklmnprstvz"[digit % 14]}{"au"[digit / 14]}";
    }));

    private static string InLetters(long n)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Append("bdflmnprtv"[(int)(n % 10)]).Append('a');
            n /= 10;
        }
        while (n > 0);
        return letters.ToString();
    }

    private static RequestsApi.SubmitRequestRequest Request(string run, long n, int children)
    {
        var request = new RequestsApi.SubmitRequestRequest { RequestId = $"bench-{run}-{n}" };
        var now = DateTime.UtcNow;
        for (var i = 0; i < children; i++)
        {
            var k = (int)((n * 7 + i * 3) % Given.Length);
            var born = now.AddDays(-(365 * (1 + (n + i) % 16) + (n * 13 + i) % 300));
            var item = new RequestsApi.ChildRequest
            {
                Child = new RequestsApi.Child
                {
                    GivenName = Given[k],
                    // A family name of its own per call and per run (every process of the benchmark numbers its calls
                    // from one), in letters (names are compared by their sound, digits ignored): a party asking again
                    // for a child it has open is refused.
                    FamilyName = $"{Family[(k + i) % Family.Length]}-{RunInLetters(run)}-{InLetters(n)}",
                    BirthDate = new Common.CalendarDate { Year = born.Year, Month = born.Month, Day = born.Day },
                    LastKnownPlace = new Common.Place { Region = "Southern Region", Settlement = "Riverside", Institution = "Children's Home No. 2" },
                },
                Consent = new RequestsApi.Consent
                {
                    Trace = new RequestsApi.ConsentGrant { Given = true, GivenBy = "claimant", GiveTime = Timestamp.FromDateTime(now.AddDays(-1)) },
                    Share = new RequestsApi.ConsentGrant { Given = true, GivenBy = "claimant", GiveTime = Timestamp.FromDateTime(now.AddDays(-1)) },
                },
            };
            item.Claimants.Add(new RequestsApi.Claimant
            {
                GivenName = "Olha",
                FamilyName = Family[k],
                Relationship = (n + i) % 3 == 0 ? RequestsApi.Relationship.Mother : RequestsApi.Relationship.Aunt,
                HoldsCustody = true,
                Contact = new RequestsApi.ContactDetails { Phone = "+000 55 123 456", Address = "12 Orchard Lane, Capital District" },
            });
            request.Children.Add(item);
        }
        return request;
    }
}
