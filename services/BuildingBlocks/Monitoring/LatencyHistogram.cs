using System.Globalization;
using System.Text;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// Durations counted in fixed exponential buckets: bucket 0 holds up to 1 ms, bucket k (1..<see cref="Buckets"/>-1)
/// holds (2^(k-1), 2^k] ms, the last one everything longer (2^20 ms is about 17 minutes). Because every process and
/// every window uses the same bounds, histograms merge exactly by adding their counts, and a quantile read from a
/// merged histogram is the one of all the durations together (to within a bucket's width).
/// </summary>
public sealed class LatencyHistogram
{
    public const int Buckets = 22;

    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private double _sumMs;
    private double _maxMs;
    // A short lock: three fields move together, and a monitoring increment must not need more than this.
    private readonly Lock _gate = new();

    public long Count => Volatile.Read(ref _count);
    public double SumMs => _sumMs;
    public double MaxMs => _maxMs;
    public IReadOnlyList<long> Counts => _counts;

    public static int BucketOf(double ms)
    {
        if (!(ms > 1))
            return 0;
        var k = (int)Math.Ceiling(Math.Log2(ms));
        return Math.Min(k, Buckets - 1);
    }

    /// <summary>The upper bound of bucket <paramref name="k"/> in milliseconds (the last bucket has none: its upper bound is the max).</summary>
    public static double UpperBoundMs(int k) => Math.Pow(2, k);

    public void Record(double ms)
    {
        ms = Math.Max(ms, 0);
        var k = BucketOf(ms);
        lock (_gate)
        {
            _counts[k]++;
            _count++;
            _sumMs += ms;
            if (ms > _maxMs)
                _maxMs = ms;
        }
    }

    public void Merge(IReadOnlyList<long> counts, double sumMs, double maxMs)
    {
        lock (_gate)
        {
            for (var k = 0; k < Math.Min(counts.Count, Buckets); k++)
            {
                _counts[k] += counts[k];
                _count += counts[k];
            }
            _sumMs += sumMs;
            _maxMs = Math.Max(_maxMs, maxMs);
        }
    }

    public void Merge(LatencyHistogram other) => Merge(other.Counts, other.SumMs, other.MaxMs);

    public long[] CountsCopy()
    {
        lock (_gate)
            return (long[])_counts.Clone();
    }

    /// <summary>
    /// The <paramref name="q"/> quantile: the upper bound of the bucket where the cumulative count reaches q of the
    /// total, never above the largest duration seen. Null when nothing was counted.
    /// </summary>
    public static double? Quantile(IReadOnlyList<long> counts, double maxMs, double q)
    {
        var total = counts.Sum();
        if (total == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var k = 0; k < counts.Count; k++)
        {
            seen += counts[k];
            if (seen >= rank)
                return k == Buckets - 1 ? maxMs : Math.Min(UpperBoundMs(k), maxMs);
        }
        return maxMs;
    }

    public double? Quantile(double q) => Quantile(CountsCopy(), _maxMs, q);

    /// <summary>Compact text for a database column: only the buckets with counts, as <c>k:n</c> pairs (<c>3:10,5:2</c>).</summary>
    public static string ToText(IReadOnlyList<long> counts)
    {
        var text = new StringBuilder();
        for (var k = 0; k < counts.Count; k++)
        {
            if (counts[k] == 0)
                continue;
            if (text.Length > 0)
                text.Append(',');
            text.Append(k.ToString(CultureInfo.InvariantCulture)).Append(':').Append(counts[k].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static long[] FromText(string? text)
    {
        var counts = new long[Buckets];
        if (string.IsNullOrEmpty(text))
            return counts;
        foreach (var pair in text.Split(','))
        {
            var colon = pair.IndexOf(':');
            var k = int.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture);
            if (k is >= 0 and < Buckets)
                counts[k] += long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    public static long[] Add(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        var sum = new long[Buckets];
        for (var k = 0; k < Buckets; k++)
            sum[k] = (k < a.Count ? a[k] : 0) + (k < b.Count ? b[k] : 0);
        return sum;
    }
}
