using Google.Protobuf.WellKnownTypes;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Cli.Output;

/// <summary>Cases and their events as a person reads them in a terminal.</summary>
public static class CaseViews
{
    public static string Time(Timestamp? time) => time is null ? "" : time.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'");

    public static string Child(RequestsApi.Case c) => c.Child is null ? "" : $"{c.Child.GivenName} {c.Child.FamilyName}".Trim();

    public static string Born(RequestsApi.Case c) => c.Child?.BirthDate is { } d ? $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}" : "";

    public static Table Cases(IEnumerable<RequestsApi.Case> cases)
    {
        var table = new Table("CASE", "STAGE", "CHILD", "BORN", "REQUESTING", "HOLDING", "SUBMITTED");
        foreach (var c in cases)
            table.Add(c.Name, Names.Of(c.Stage), Child(c), Born(c), c.RequestingParty, c.HoldingParty, Time(c.CreateTime));
        return table;
    }

    public static void Case(TextWriter output, RequestsApi.Case c)
    {
        void Line(string label, string value)
        {
            if (value.Length > 0)
                output.WriteLine($"{label,-18}{value}");
        }
        Line("case", c.Name);
        Line("stage", Names.Of(c.Stage) + (c.SharingStopped ? " (sharing stopped)" : ""));
        Line("request", c.Request);
        Line("requesting party", c.RequestingParty);
        Line("holding party", c.HoldingParty);
        Line("child", Child(c));
        Line("born", Born(c));
        if (c.Child?.LastKnownPlace is { } last)
            Line("last known at", Place(last));
        Line("special needs", c.Child?.SpecialNeeds ?? "");
        foreach (var claimant in c.Claimants)
            Line("claimant", $"{claimant.GivenName} {claimant.FamilyName}, {Names.Of(claimant.Relationship).ToLowerInvariant()}{(claimant.HoldsCustody ? ", holds custody" : "")}");
        if (c.CurrentLocation is { } now)
            Line("now at", Place(now));
        Line("duplicate of", c.DuplicateOf);
        Line("rejected because", c.RejectionReason);
        Line("not located", c.NotLocatedNote);
        Line("consent override", c.ConsentOverrideReason);
        Line("submitted", Time(c.CreateTime));
        Line("updated", Time(c.UpdateTime));
    }

    public static string Place(Mediation.Api.Common.V1.Place place) =>
        string.Join(", ", new[] { place.Institution, place.Settlement, place.Region }.Where(p => p.Length > 0));

    public static Table Events(IEnumerable<RequestsApi.CaseEvent> events)
    {
        var table = new Table("TIME", "STAGE", "EVENT", "SERVICE", "PARTY", "OFFICER", "SUMMARY");
        foreach (var e in events)
            table.Add(Time(e.OccurTime), Names.Of(e.Stage), e.Type, e.Service, e.Party, e.Officer, e.Summary);
        return table;
    }
}
