namespace Mediation.Operations.Domain;

/// <summary>
/// The two resolutions series are kept at: 10-s points for <c>Operations:Series:FineHours</c> (6), 5-min points for
/// <c>Operations:Series:CoarseDays</c> (14), and which one a chosen time range is drawn from.
/// </summary>
public static class SeriesResolution
{
    public const int FineSeconds = 10;
    public const int CoarseSeconds = 300;

    /// <summary>The ranges the graphs offer, and the resolution each is drawn at: 10-s points while they are kept, 5-min points beyond.</summary>
    public static readonly IReadOnlyDictionary<string, (TimeSpan Span, int ResolutionSeconds)> Ranges = new Dictionary<string, (TimeSpan, int)>
    {
        ["15m"] = (TimeSpan.FromMinutes(15), FineSeconds),
        ["1h"] = (TimeSpan.FromHours(1), FineSeconds),
        ["6h"] = (TimeSpan.FromHours(6), FineSeconds),
        ["24h"] = (TimeSpan.FromHours(24), CoarseSeconds),
        ["7d"] = (TimeSpan.FromDays(7), CoarseSeconds),
        ["14d"] = (TimeSpan.FromDays(14), CoarseSeconds),
    };

    public static bool TryRange(string? name, out TimeSpan span, out int resolutionSeconds)
    {
        (span, resolutionSeconds) = Ranges.TryGetValue(name ?? "", out var range) ? range : default;
        return range.Span > TimeSpan.Zero;
    }
}
