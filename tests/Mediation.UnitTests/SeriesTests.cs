using Mediation.BuildingBlocks.Monitoring;
using Mediation.Contracts;
using Mediation.Operations.Api;
using Mediation.Operations.Domain;
using Mediation.Operations.Series;
using Microsoft.Extensions.Time.Testing;

namespace Mediation.UnitTests;

/// <summary>The graphs' arithmetic: histograms that merge exactly, quantiles read from them, the rollup, the ranges.</summary>
public class SeriesTests
{
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1.5, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(1024, 10)]
    [InlineData(1025, 11)]
    [InlineData(3_600_000, LatencyHistogram.Buckets - 1)]
    public void A_duration_falls_in_the_bucket_whose_upper_bound_is_the_next_power_of_two(double ms, int bucket) =>
        Assert.Equal(bucket, LatencyHistogram.BucketOf(ms));

    [Fact]
    public void Two_histograms_merged_give_the_quantiles_of_all_their_durations_together()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 98; i++)
            fast.Record(3);      // bucket (2, 4]
        slow.Record(100);        // bucket (64, 128]
        slow.Record(700);        // bucket (512, 1024]
        var merged = new LatencyHistogram();
        merged.Merge(fast);
        merged.Merge(slow);

        Assert.Equal(100, merged.Count);
        Assert.Equal(98 * 3 + 800, merged.SumMs);
        Assert.Equal(700, merged.MaxMs);
        Assert.Equal(4, merged.Quantile(0.5));
        Assert.Equal(4, merged.Quantile(0.98));
        Assert.Equal(128, merged.Quantile(0.99));
        // The top bucket's bound is above anything seen: the max is the better answer.
        Assert.Equal(700, merged.Quantile(1.0));
        // The same in either order, and through the text the database keeps.
        var other = new LatencyHistogram();
        other.Merge(slow);
        other.Merge(fast);
        Assert.Equal(merged.CountsCopy(), other.CountsCopy());
        Assert.Equal(merged.CountsCopy(), LatencyHistogram.FromText(LatencyHistogram.ToText(merged.CountsCopy())));
        Assert.Null(new LatencyHistogram().Quantile(0.5));
    }

    [Fact]
    public void The_rollup_adds_counts_and_histograms_takes_the_highest_max_and_the_latest_last_value()
    {
        var fine = new[]
        {
            MetricPoint.Timed(SeriesNames.Processing, "CaseSubmitted@q", At, Counts((2, 3)), 9, 4),
            MetricPoint.Timed(SeriesNames.Processing, "CaseSubmitted@q", At.AddSeconds(10), Counts((2, 1), (7, 1)), 103, 100),
            MetricPoint.Sampled(SeriesNames.QueueReady, "q", At.AddSeconds(1), 5),
            MetricPoint.Sampled(SeriesNames.QueueReady, "q", At.AddSeconds(250), 2),
            MetricPoint.Sampled(SeriesNames.QueueReady, "q", At.AddSeconds(120), 9),
            MetricPoint.Counted(SeriesNames.StageEntered, "SUBMITTED", At.AddSeconds(20), 4),
            MetricPoint.Counted(SeriesNames.StageEntered, "SUBMITTED", At.AddSeconds(290), 8),
        };

        var rolled = SeriesRollup.Combine(fine, At).ToDictionary(p => p.Series);

        Assert.All(rolled.Values, p => Assert.Equal((SeriesResolution.CoarseSeconds, At), (p.ResolutionSeconds, p.BucketStart)));
        var processing = rolled[SeriesNames.Processing];
        Assert.Equal((5L, 112.0, 100.0), (processing.Count, processing.Sum, processing.Max));
        Assert.Equal(Counts((2, 4), (7, 1)), LatencyHistogram.FromText(processing.Histogram));
        var ready = rolled[SeriesNames.QueueReady];
        Assert.Equal((3L, 16.0, 9.0, 2.0), (ready.Count, ready.Sum, ready.Max, ready.Last));
        Assert.Equal(12, rolled[SeriesNames.StageEntered].Count);
    }

    [Fact]
    public void Points_merged_in_any_order_end_the_same()
    {
        var points = Enumerable.Range(0, 6).Select(i => MetricPoint.Sampled(SeriesNames.QueueIn, "q", At.AddSeconds(i), i * 1.5)).ToList();
        var forward = SeriesMerge.Combine(points).Single();
        var backward = SeriesMerge.Combine(Enumerable.Reverse(points)).Single();
        Assert.Equal((forward.Count, forward.Sum, forward.Max, forward.Last), (backward.Count, backward.Sum, backward.Max, backward.Last));
        Assert.Equal(7.5, forward.Last);
    }

    [Theory]
    [InlineData("15m", 10)]
    [InlineData("1h", 10)]
    [InlineData("6h", 10)]
    [InlineData("24h", 300)]
    [InlineData("7d", 300)]
    [InlineData("14d", 300)]
    public void A_range_is_drawn_from_10_s_points_up_to_6_hours_and_from_5_min_points_beyond(string range, int resolution)
    {
        Assert.True(SeriesResolution.TryRange(range, out _, out var chosen));
        Assert.Equal(resolution, chosen);
    }

    [Fact]
    public void An_unknown_range_is_refused() => Assert.False(SeriesResolution.TryRange("2y", out _, out _));

    [Fact]
    public void Counts_are_zero_where_nothing_was_counted_and_times_are_gaps()
    {
        var from = At;
        var now = At.AddSeconds(40);
        var points = new[]
        {
            MetricPoint.Counted(SeriesNames.StageEntered, "SUBMITTED", At.AddSeconds(10), 3),
            MetricPoint.Timed(SeriesNames.Processing, "CaseSubmitted@q", At.AddSeconds(20), Counts((3, 2)), 12, 7),
        };
        var charts = SeriesCharts.Draw("15m", 10, from, now, points).Sections.SelectMany(s => s.Charts).ToList();

        var entered = charts.Single(c => c.Series == "stage.entered").Lines.Single().Points;
        Assert.Equal([0, 3, 0, 0, 0], entered.Select(p => p.Value));
        var p50 = charts.Single(c => c.Series == "message.processing").Lines.Single(l => l.Name == "p50").Points;
        Assert.Equal([(At.AddSeconds(20), (double?)7)], p50.Select(p => (p.At, p.Value)));
        // No queue sampled, no call answered: those sections have no chart rather than empty ones.
        Assert.DoesNotContain(charts, c => c.Series.StartsWith("queue.", StringComparison.Ordinal) || c.Series.StartsWith("service.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_window_that_could_not_be_sent_goes_into_the_next_one()
    {
        var clock = new FakeTimeProvider(At);
        var window = new ActivityWindow(clock);
        Assert.Null(window.Swap("i"));
        window.Consumed("CaseSubmitted", "q", 3, 20, retry: false);
        window.Failed("CaseSubmitted", "q", retry: true);
        window.Answered("mediation.requests.v1.Requests", Grpc.Core.StatusCode.PermissionDenied);
        var unsent = window.Swap("i")!;
        window.Consumed("CaseSubmitted", "q", 5, 30, retry: true);
        window.Restore(unsent);

        var next = window.Swap("i")!;
        var consumed = Assert.Single(next.Consumed);
        Assert.Equal((2L, 2L, 1L), (consumed.Processed, consumed.Retries, consumed.Failures));
        Assert.Equal(2, consumed.ProcessingMs.Sum());
        Assert.Equal(new CallActivity("mediation.requests.v1.Requests", "PERMISSION_DENIED", 1), Assert.Single(next.Calls));
    }

    private static long[] Counts(params (int Bucket, long Count)[] counts)
    {
        var all = new long[LatencyHistogram.Buckets];
        foreach (var (bucket, count) in counts)
            all[bucket] = count;
        return all;
    }
}
