namespace Mediation.Requests.Reports;

/// <summary>
/// How long reunited cases took from submission to reunion, in whole days: the 50th and 90th percentiles by
/// nearest rank (the smallest time that at least that share of the cases is within). Withheld under
/// <see cref="Figure.MinChildren"/> cases, where a percentile would be one known child's time.
/// </summary>
public sealed record ReunionTimes(Figure Reunited, TimeSpan? P50, TimeSpan? P90)
{
    public static ReunionTimes Of(IReadOnlyCollection<TimeSpan> times)
    {
        if (times.Count < Figure.MinChildren)
            return new ReunionTimes(Figure.Of(times.Count), null, null);
        var days = times.Select(t => Math.Round(t.TotalDays, MidpointRounding.AwayFromZero)).Order().ToArray();
        return new ReunionTimes(Figure.Of(times.Count), Rank(days, 50), Rank(days, 90));
    }

    public bool Suppressed => P50 is null;

    private static TimeSpan Rank(double[] sortedDays, int percent) =>
        TimeSpan.FromDays(sortedDays[(int)Math.Ceiling(percent / 100.0 * sortedDays.Length) - 1]);
}
