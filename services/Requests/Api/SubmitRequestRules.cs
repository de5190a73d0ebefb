using Mediation.BuildingBlocks.Api;
using Mediation.Requests.Matching;
using Proto = Mediation.Api.Requests.V1;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Requests.Api;

/// <summary>What a request must satisfy before anything is stored. Every violation is reported at once.</summary>
public static class SubmitRequestRules
{
    public const int MaxChildren = 100;
    public const int MaxClaimants = 10;
    public const int MaxName = 200;
    public const int MaxNote = 2000;
    public const int MaxPlacePart = 200;

    public static FieldViolations Check(Proto.SubmitRequestRequest request, DateTime now, FieldViolations? violations = null)
    {
        var v = violations ?? new FieldViolations();
        var today = DateOnly.FromDateTime(now);
        v.RequireCount("children", request.Children.Count, 1, MaxChildren);
        for (var i = 0; i < request.Children.Count && i < MaxChildren; i++)
        {
            var path = $"children[{i}]";
            var item = request.Children[i];
            if (item.Child is null)
                v.Add($"{path}.child", "required");
            else
                CheckChild(v, $"{path}.child", item.Child, today);
            v.RequireCount($"{path}.claimants", item.Claimants.Count, 1, MaxClaimants);
            for (var j = 0; j < item.Claimants.Count && j < MaxClaimants; j++)
                CheckClaimant(v, $"{path}.claimants[{j}]", item.Claimants[j]);
            if (item.Consent?.Trace is not { Given: true })
                v.Add($"{path}.consent.trace", "required and given: a child is traced only with consent");
            else
                CheckGrant(v, $"{path}.consent.trace", item.Consent.Trace, now);
            if (item.Consent?.Share is { Given: true } share)
                CheckGrant(v, $"{path}.consent.share", share, now);
        }
        CheckEachChildOnce(v, request);
        return v;
    }

    /// <summary>
    /// One child listed twice in one request is the caller's mistake: refused, naming the second listing,
    /// rather than stored as two cases that match each other (<see cref="ChildMatch.IsSame"/>).
    /// </summary>
    private static void CheckEachChildOnce(FieldViolations v, Proto.SubmitRequestRequest request)
    {
        var first = new Dictionary<(string, string, DateOnly, string), int>();
        for (var i = 0; i < request.Children.Count && i < MaxChildren; i++)
        {
            var child = request.Children[i].Child;
            if (child?.BirthDate is null || child.LastKnownPlace is null || !TryDate(child.BirthDate, out var born))
                continue;
            if (new ChildMatch.Profile(child.GivenName, child.FamilyName, born, child.LastKnownPlace.Region).Identity is not { } identity)
                continue;
            if (first.TryGetValue(identity, out var earlier))
                v.Add($"children[{i}].child", $"the same child as children[{earlier}] (names, birth date and last known region): list each child once");
            else
                first[identity] = i;
        }
    }

    private static void CheckGrant(FieldViolations v, string path, Proto.ConsentGrant grant, DateTime now)
    {
        v.RequireText($"{path}.given_by", grant.GivenBy, MaxName);
        if (v.Time($"{path}.give_time", grant.GiveTime) > now)
            v.Add($"{path}.give_time", "in the future");
    }

    public static void CheckPlace(FieldViolations v, string path, Common.Place? place)
    {
        if (place is null)
        {
            v.Add(path, "required");
            return;
        }
        v.RequireText($"{path}.region", place.Region, MaxPlacePart)
            .LimitText($"{path}.settlement", place.Settlement, MaxPlacePart)
            .LimitText($"{path}.institution", place.Institution, MaxPlacePart);
    }

    private static void CheckChild(FieldViolations v, string path, Proto.Child child, DateOnly today)
    {
        v.RequireText($"{path}.given_name", child.GivenName, MaxName)
            .RequireText($"{path}.family_name", child.FamilyName, MaxName)
            .LimitText($"{path}.special_needs", child.SpecialNeeds, MaxNote);
        CheckPlace(v, $"{path}.last_known_place", child.LastKnownPlace);

        var field = $"{path}.birth_date";
        if (child.BirthDate is not { } date)
            v.Add(field, "required");
        else if (!TryDate(date, out var birth))
            v.Add(field, "not a calendar date");
        else if (birth > today)
            v.Add(field, "in the future");
        else if (birth <= today.AddYears(-18))
            v.Add(field, "the child must be under 18 at submission");
    }

    private static void CheckClaimant(FieldViolations v, string path, Proto.Claimant claimant)
    {
        v.RequireText($"{path}.given_name", claimant.GivenName, MaxName)
            .RequireText($"{path}.family_name", claimant.FamilyName, MaxName);
        if (!Enum.IsDefined(claimant.Relationship) || claimant.Relationship == Proto.Relationship.Unspecified)
            v.Add($"{path}.relationship", "required, one of the Relationship values");
        if (claimant.Contact is null)
        {
            v.Add($"{path}.contact", "required");
            return;
        }
        v.LimitText($"{path}.contact.phone", claimant.Contact.Phone, 50)
            .LimitText($"{path}.contact.email", claimant.Contact.Email, MaxName)
            .LimitText($"{path}.contact.address", claimant.Contact.Address, 500);
        if (string.IsNullOrWhiteSpace(claimant.Contact.Phone) && string.IsNullOrWhiteSpace(claimant.Contact.Email)
            && string.IsNullOrWhiteSpace(claimant.Contact.Address))
            v.Add($"{path}.contact", "at least one of phone, email or address");
    }

    public static bool TryDate(Common.CalendarDate date, out DateOnly value)
    {
        value = default;
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
            return false;
        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }
}
