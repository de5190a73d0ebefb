using System.Diagnostics;
using HdrHistogram;

namespace Mediation.Bench;

/// <summary>
/// Keeps a fixed number of calls in flight for a while, after a warm-up, and reports throughput and
/// latency percentiles (microseconds) from an HdrHistogram per worker, merged.
/// </summary>
public static class Load
{
    // One numbering across warm-up and measurement: every call gets its own request id.
    private static long _sequence;

    public sealed record Result(double CallsPerSecond, long P50, long P90, long P99, long Max, long Calls, long Errors);

    public static async Task<Result> Run(int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, long, Task> call)
    {
        await Drive(concurrency, warmup, call, record: false);
        return await Drive(concurrency, duration, call, record: true);
    }

    private static async Task<Result> Drive(int concurrency, TimeSpan duration, Func<int, long, Task> call, bool record)
    {
        var histograms = Enumerable.Range(0, concurrency).Select(_ => new LongHistogram(TimeStamp.Minutes(1), 3)).ToArray();
        long errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var n = Interlocked.Increment(ref _sequence);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call(worker, n);
                    if (record)
                        histograms[worker].RecordValue(Math.Max(1, (Stopwatch.GetTimestamp() - t0) * 1_000_000 / Stopwatch.Frequency));
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        var all = new LongHistogram(TimeStamp.Minutes(1), 3);
        foreach (var h in histograms)
            all.Add(h);
        if (all.TotalCount == 0)
            return new Result(0, 0, 0, 0, 0, 0, errors);
        return new Result(all.TotalCount / seconds, all.GetValueAtPercentile(50), all.GetValueAtPercentile(90), all.GetValueAtPercentile(99),
            all.GetMaxValue(), all.TotalCount, errors);
    }
}
