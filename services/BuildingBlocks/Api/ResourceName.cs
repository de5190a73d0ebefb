namespace Mediation.BuildingBlocks.Api;

/// <summary>Resource names such as <c>cases/{case_id}</c> (AIP-122). Ids are 32 lowercase hex digits.</summary>
public static class ResourceName
{
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public static string Format(string collection, string id) => $"{collection}/{id}";

    /// <summary>The id in <paramref name="name"/>, or null (with a violation added) when it is not a well-formed name.</summary>
    public static string? Parse(string collection, string? name, string field, FieldViolations violations, string? suffix = null)
    {
        var prefix = collection + "/";
        if (string.IsNullOrEmpty(name))
        {
            violations.Add(field, $"required, as '{prefix}{{id}}{suffix}'");
            return null;
        }
        var id = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : null;
        if (id is not null && suffix is not null)
            id = id.EndsWith(suffix, StringComparison.Ordinal) ? id[..^suffix.Length] : null;
        if (id is null || !IsId(id))
        {
            violations.Add(field, $"expected '{prefix}{{id}}{suffix}'");
            return null;
        }
        return id;
    }

    /// <summary>The id in a name the service wrote itself (e.g. in a stored answer), or null when it is none.</summary>
    public static string? IdOf(string collection, string? name, string? suffix = null) =>
        Parse(collection, name, "name", new FieldViolations(), suffix);

    /// <summary>The two ids of a nested name such as <c>cases/{case_id}/matches/{match_id}</c>, or nulls with a violation added.</summary>
    public static (string? Parent, string? Id) ParseNested(string parent, string child, string? name, string field, FieldViolations violations)
    {
        var parts = name?.Split('/') ?? [];
        if (parts.Length == 4 && parts[0] == parent && parts[2] == child && IsId(parts[1]) && IsId(parts[3]))
            return (parts[1], parts[3]);
        violations.Add(field, $"expected '{parent}/{{id}}/{child}/{{id}}'");
        return (null, null);
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
