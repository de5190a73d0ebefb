using Mediation.BuildingBlocks.Monitoring;

namespace Mediation.Operations.Domain;

/// <summary>
/// One point of one series: what was counted of <see cref="Subject"/> (a queue, a message type on a queue, a gRPC
/// service and status, a stage) in the bucket of <see cref="ResolutionSeconds"/> starting at <see cref="BucketStart"/>.
/// Counts and sums add, maxima take the larger, the last value goes by its time, and durations are exponential
/// histograms that add bucket by bucket — so reports from any instance, in any order, merge into the same point.
/// </summary>
public sealed class MetricPoint
{
    public int ResolutionSeconds { get; init; }
    public required string Series { get; init; }
    public required string Subject { get; init; }
    public DateTime BucketStart { get; init; }
    /// <summary>Events counted, or samples taken of a gauge.</summary>
    public long Count { get; set; }
    public double Sum { get; set; }
    public double Max { get; set; }
    /// <summary>A gauge's latest sample, taken at <see cref="LastAt"/>.</summary>
    public double Last { get; set; }
    public DateTime LastAt { get; set; }
    /// <summary>Durations per <see cref="LatencyHistogram"/> bucket, as <c>k:n</c> pairs; empty for series that are no durations.</summary>
    public string Histogram { get; set; } = "";
    /// <summary>Optimistic concurrency: two operations instances merging into one point conflict, and one merges again.</summary>
    public int Version { get; set; }

    public void Merge(MetricPoint other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
        if (other.LastAt >= LastAt)
            (Last, LastAt) = (other.Last, other.LastAt);
        if (other.Histogram.Length > 0)
            Histogram = LatencyHistogram.ToText(LatencyHistogram.Add(LatencyHistogram.FromText(Histogram), LatencyHistogram.FromText(other.Histogram)));
        Version++;
    }

    /// <summary>Takes <paramref name="other"/>'s figures instead of its own (a 5-min point made afresh).</summary>
    public void ReplaceWith(MetricPoint other)
    {
        (Count, Sum, Max, Last, LastAt, Histogram) = (other.Count, other.Sum, other.Max, other.Last, other.LastAt, other.Histogram);
        Version++;
    }

    public static DateTime BucketOf(DateTime at, int resolutionSeconds)
    {
        var size = TimeSpan.FromSeconds(resolutionSeconds).Ticks;
        return new DateTime(at.Ticks - at.Ticks % size, DateTimeKind.Utc);
    }

    public static MetricPoint Counted(string series, string subject, DateTime bucket, long count) =>
        new() { ResolutionSeconds = SeriesResolution.FineSeconds, Series = series, Subject = subject, BucketStart = bucket, Count = count, Sum = count, Max = count, Last = count, LastAt = bucket };

    public static MetricPoint Sampled(string series, string subject, DateTime at, double value) =>
        new() { ResolutionSeconds = SeriesResolution.FineSeconds, Series = series, Subject = subject, BucketStart = BucketOf(at, SeriesResolution.FineSeconds), Count = 1, Sum = value, Max = value, Last = value, LastAt = at };

    public static MetricPoint Timed(string series, string subject, DateTime bucket, IReadOnlyList<long> counts, double sumMs, double maxMs) =>
        new() { ResolutionSeconds = SeriesResolution.FineSeconds, Series = series, Subject = subject, BucketStart = bucket, Count = counts.Sum(), Sum = sumMs, Max = maxMs, Histogram = LatencyHistogram.ToText(counts), LastAt = bucket };
}
