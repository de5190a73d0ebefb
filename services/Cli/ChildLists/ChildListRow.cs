using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Common = Mediation.Api.Common.V1;
using RequestsApi = Mediation.Api.Requests.V1;
using C = Mediation.Cli.ChildLists.ChildListColumns;

namespace Mediation.Cli.ChildLists;

/// <summary>
/// One row of a list of children, read into the ChildRequest the service takes, with every problem in it. The
/// rules are the service's own (requests.proto, SubmitRequest), checked here so that a list with a mistake
/// anywhere is refused before any of it is sent.
/// </summary>
public sealed class ChildListRow
{
    private const int MaxName = 200;
    private const int MaxNote = 2000;

    private readonly Dictionary<string, string> _cells;
    private readonly Func<string, string> _label;
    private readonly List<(string Column, InputError Error)> _errors = [];

    private ChildListRow(int row, Dictionary<string, string> cells, Func<string, string> label)
    {
        Row = row;
        _cells = cells;
        _label = label;
    }

    /// <summary>The row's number as the person who wrote the list finds it.</summary>
    public int Row { get; }

    /// <summary>The child as the service takes it; null when the row has errors.</summary>
    public RequestsApi.ChildRequest? Request { get; private set; }

    /// <summary>Every problem of the row, left to right as the columns go.</summary>
    public IReadOnlyList<InputError> Errors => _errors.OrderBy(e => C.All.ToList().IndexOf(e.Column)).Select(e => e.Error).ToList();

    /// <summary>The cells that say who the child is, to tell one child listed twice.</summary>
    public string Identity => string.Join("|", new[] { C.GivenName, C.FamilyName, C.BirthDate, C.Region }
        .Select(c => Cell(c).ToUpperInvariant()));

    /// <param name="label">How a column is named in a message, e.g. "birth_date (C)".</param>
    public static ChildListRow Read(int row, IReadOnlyDictionary<string, string> cells, DateTime now, Func<string, string> label)
    {
        var r = new ChildListRow(row, cells.ToDictionary(c => c.Key, c => c.Value.Trim()), label);
        r.Request = r.Build(now);
        if (r._errors.Count > 0)
            r.Request = null;
        return r;
    }

    public void Add(string column, string message) => _errors.Add((column, new InputError(Row, column.Length == 0 ? "" : _label(column), message)));

    private RequestsApi.ChildRequest Build(DateTime now)
    {
        var request = new RequestsApi.ChildRequest
        {
            Child = new RequestsApi.Child
            {
                GivenName = Text(C.GivenName, MaxName, required: true),
                FamilyName = Text(C.FamilyName, MaxName, required: true),
                BirthDate = BirthDate(DateOnly.FromDateTime(now)),
                LastKnownPlace = new Common.Place
                {
                    Region = Text(C.Region, MaxName, required: true),
                    Settlement = Text(C.Settlement, MaxName),
                    Institution = Text(C.Institution, MaxName),
                },
                SpecialNeeds = Text(C.SpecialNeeds, MaxNote),
            },
            Consent = new RequestsApi.Consent
            {
                Trace = Grant(C.TraceConsentBy, C.TraceConsentTime, now, required: true),
                Share = Grant(C.ShareConsentBy, C.ShareConsentTime, now, required: false),
            },
        };
        var contact = new RequestsApi.ContactDetails
        {
            Phone = Text(C.Phone, 50),
            Email = Text(C.Email, MaxName),
            Address = Text(C.Address, 500),
        };
        if (Cell(C.Phone).Length == 0 && Cell(C.Email).Length == 0 && Cell(C.Address).Length == 0)
            Add(C.Phone, $"a way to reach the claimant is required: {C.Phone}, {C.Email} or {C.Address}");
        request.Claimants.Add(new RequestsApi.Claimant
        {
            GivenName = Text(C.ClaimantGivenName, MaxName, required: true),
            FamilyName = Text(C.ClaimantFamilyName, MaxName, required: true),
            Relationship = Relationship(),
            HoldsCustody = YesNo(C.HoldsCustody),
            Contact = contact,
        });
        return request;
    }

    private string Cell(string column) => _cells.GetValueOrDefault(column, "");

    private string Text(string column, int max, bool required = false)
    {
        var value = Cell(column);
        if (required && value.Length == 0)
            Add(column, "required");
        else if (value.Length > max)
            Add(column, $"at most {max} characters (has {value.Length})");
        return value;
    }

    private Common.CalendarDate? BirthDate(DateOnly today)
    {
        var value = Cell(C.BirthDate);
        if (value.Length == 0)
        {
            Add(C.BirthDate, "required");
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(C.BirthDate, $"'{value}' is not a date written YYYY-MM-DD");
            return null;
        }
        if (date > today)
            Add(C.BirthDate, "in the future");
        else if (date <= today.AddYears(-18))
            Add(C.BirthDate, "the child must be under 18");
        return new Common.CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day };
    }

    private RequestsApi.Relationship Relationship()
    {
        var value = Cell(C.Relationship);
        if (value.Length == 0)
        {
            Add(C.Relationship, "required");
            return RequestsApi.Relationship.Unspecified;
        }
        var key = value.Replace(" ", "").Replace("_", "").Replace("-", "");
        if (System.Enum.TryParse<RequestsApi.Relationship>(key, ignoreCase: true, out var relationship)
            && relationship != RequestsApi.Relationship.Unspecified && System.Enum.IsDefined(relationship) && !char.IsDigit(key[0]))
            return relationship;
        Add(C.Relationship, $"'{value}' is none of mother, father, grandparent, sibling, aunt, uncle, other_relative, legal_guardian");
        return RequestsApi.Relationship.Unspecified;
    }

    private bool YesNo(string column)
    {
        switch (Cell(column).ToLowerInvariant())
        {
            case "" or "no" or "false" or "n" or "0":
                return false;
            case "yes" or "true" or "y" or "1":
                return true;
            default:
                Add(column, $"'{Cell(column)}' is neither yes nor no");
                return false;
        }
    }

    /// <summary>A consent: given when its giver or its time is filled in, and then both must be.</summary>
    private RequestsApi.ConsentGrant Grant(string byColumn, string timeColumn, DateTime now, bool required)
    {
        var by = Text(byColumn, MaxName);
        var timeText = Cell(timeColumn);
        if (by.Length == 0 && timeText.Length == 0)
        {
            if (required)
                Add(byColumn, "required: a child is traced only with consent (who gave it, and when)");
            return new RequestsApi.ConsentGrant();
        }
        if (by.Length == 0)
            Add(byColumn, "who gave the consent is required with its time");
        var grant = new RequestsApi.ConsentGrant { Given = true, GivenBy = by };
        if (timeText.Length == 0)
            Add(timeColumn, "when the consent was given is required");
        else if (!TryTime(timeText, out var time))
            Add(timeColumn, $"'{timeText}' is not a time written YYYY-MM-DD or RFC 3339 (2026-11-01T10:00:00Z)");
        else if (time > now)
            Add(timeColumn, "in the future");
        else
            grant.GiveTime = Timestamp.FromDateTime(time);
        return grant;
    }

    private static bool TryTime(string text, out DateTime time)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            time = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        // A time without an offset is ambiguous across the front line's time zones: an offset (or Z) is required.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            time = at.UtcDateTime;
            return true;
        }
        time = default;
        return false;
    }
}
