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

    private static bool IsId(string id) => id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
