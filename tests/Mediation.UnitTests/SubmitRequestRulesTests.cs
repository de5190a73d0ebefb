using Mediation.Requests.Api;
using Proto = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.UnitTests;

public class SubmitRequestRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    private static Proto.SubmitRequestRequest Valid()
    {
        var item = new Proto.ChildRequest
        {
            Child = new Proto.Child
            {
                GivenName = "Denys",
                FamilyName = "Melnyk",
                BirthDate = new Common.CalendarDate { Year = 2016, Month = 5, Day = 1 },
                LastKnownPlace = new Common.Place { Region = "Southern Region" },
            },
        };
        item.Claimants.Add(new Proto.Claimant
        {
            GivenName = "Olha",
            FamilyName = "Melnyk",
            Relationship = Proto.Relationship.Grandparent,
            Contact = new Proto.ContactDetails { Phone = "+000 1" },
        });
        item.Consent = new Proto.Consent { Trace = new Proto.ConsentGrant { Given = true, GivenBy = "grandmother", GiveTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)) } };
        var request = new Proto.SubmitRequestRequest { RequestId = "r-1" };
        request.Children.Add(item);
        return request;
    }

    private static IEnumerable<string> FieldsOf(Proto.SubmitRequestRequest request) =>
        SubmitRequestRules.Check(request, Now).Items.Select(i => i.Field);

    [Fact]
    public void A_complete_request_passes() => Assert.Empty(FieldsOf(Valid()));

    [Fact]
    public void Every_violation_is_reported_at_once_with_its_field_path()
    {
        var request = Valid();
        request.Children.Add(request.Children[0].Clone());
        request.Children[1].Child.GivenName = "";
        request.Children[1].Child.BirthDate = new Common.CalendarDate { Year = 2027, Month = 1, Day = 1 };
        request.Children[1].Claimants[0].Relationship = Proto.Relationship.Unspecified;
        request.Children[0].Child.LastKnownPlace.Region = "";
        Assert.Equal(
            ["children[0].child.last_known_place.region", "children[1].child.given_name", "children[1].child.birth_date", "children[1].claimants[0].relationship"],
            FieldsOf(request));
    }

    [Theory]
    [InlineData(2008, 11, 28, true)]   // 18 today: no longer a child
    [InlineData(2008, 11, 29, false)]  // 17, one day short of 18
    [InlineData(2026, 11, 28, false)]  // born today
    [InlineData(2026, 11, 29, true)]   // tomorrow
    [InlineData(2025, 2, 29, true)]    // not a date
    public void Birth_dates_must_make_a_child_aged_0_to_17(int year, int month, int day, bool refused)
    {
        var request = Valid();
        request.Children[0].Child.BirthDate = new Common.CalendarDate { Year = year, Month = month, Day = day };
        Assert.Equal(refused, FieldsOf(request).Contains("children[0].child.birth_date"));
    }

    [Fact]
    public void A_child_is_traced_only_with_consent_recorded_with_who_gave_it_and_when()
    {
        var none = Valid();
        none.Children[0].Consent = null;
        Assert.Equal(["children[0].consent.trace"], FieldsOf(none));

        var incomplete = Valid();
        incomplete.Children[0].Consent.Trace.GivenBy = "";
        incomplete.Children[0].Consent.Share = new Proto.ConsentGrant { Given = true, GivenBy = "uncle", GiveTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(Now.AddDays(1)) };
        Assert.Equal(["children[0].consent.trace.given_by", "children[0].consent.share.give_time"], FieldsOf(incomplete));
    }

    [Fact]
    public void Each_child_needs_a_claimant_and_sizes_are_bounded()
    {
        var request = Valid();
        request.Children[0].Claimants.Clear();
        request.Children[0].Child.FamilyName = new string('x', 201);
        Assert.Equal(["children[0].child.family_name", "children[0].claimants"], FieldsOf(request));

        var tooMany = Valid();
        for (var i = 0; i < SubmitRequestRules.MaxChildren; i++)
            tooMany.Children.Add(tooMany.Children[0].Clone());
        Assert.Contains("children", FieldsOf(tooMany));
    }
}
