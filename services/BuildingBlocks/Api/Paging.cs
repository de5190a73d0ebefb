using System.Text;

namespace Mediation.BuildingBlocks.Api;

/// <summary>
/// AIP-158 paging by keyset: a page token is the opaque, encoded sort key of the last item returned,
/// so a page never repeats or skips items when others are added meanwhile.
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 500;

    public static int Size(int requested, int defaultSize, FieldViolations violations, string field = "page_size")
    {
        if (requested < 0 || requested > MaxPageSize)
        {
            violations.Add(field, $"0..{MaxPageSize} expected");
            return defaultSize;
        }
        return requested == 0 ? defaultSize : requested;
    }

    public static string Encode(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + key));

    public static string? Decode(string? token, FieldViolations violations, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("v1:", StringComparison.Ordinal))
                return text[3..];
        }
        catch (FormatException)
        {
        }
        violations.Add(field, "not a token from a previous response");
        return null;
    }
}
