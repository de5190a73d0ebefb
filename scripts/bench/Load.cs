using System.Diagnostics;
using HdrHistogram;

namespace Mediation.Bench;

/// <summary>
/// Drives calls for a while, after a warm-up, and reports throughput and latency percentiles
/// (microseconds) from an HdrHistogram per worker, merged. Two shapes:
/// <see cref="Run"/> keeps a fixed number of calls in flight (closed loop: finds the peak rate);
/// <see cref="RunAtRate"/> starts calls on a fixed schedule whatever is still in flight (open loop:
/// the latency a caller sees at a given offered rate, timed from when each call was due, so a stall
/// counts against every call it delays).
/// </summary>
public static class Load
{
    // One numbering across warm-up and measurement: every call gets its own request id.
    private static long _sequence;

    public sealed record Result(double CallsPerSecond, long P50, long P90, long P99, long Max, long Calls, long Errors)
    {
        public static Result From(LongHistogram all, double seconds, long errors) => all.TotalCount == 0
            ? new Result(0, 0, 0, 0, 0, 0, errors)
            : new Result(all.TotalCount / seconds, all.GetValueAtPercentile(50), all.GetValueAtPercentile(90), all.GetValueAtPercentile(99),
                all.GetMaxValue(), all.TotalCount, errors);
    }

    public static long Next() => Interlocked.Increment(ref _sequence);

    public static async Task<Result> Run(int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, long, Task> call, Action? onMeasureStart = null)
    {
        if (warmup > TimeSpan.Zero)
            await Drive(concurrency, warmup, call, record: false);
        onMeasureStart?.Invoke();
        return await Drive(concurrency, duration, call, record: true);
    }

    public static LongHistogram NewHistogram() => new(TimeStamp.Minutes(10), 3);

    public static long Microseconds(long fromTimestamp) =>
        Math.Max(1, (Stopwatch.GetTimestamp() - fromTimestamp) * 1_000_000 / Stopwatch.Frequency);

    private static async Task<Result> Drive(int concurrency, TimeSpan duration, Func<int, long, Task> call, bool record)
    {
        var histograms = Enumerable.Range(0, concurrency).Select(_ => NewHistogram()).ToArray();
        long errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var n = Next();
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call(worker, n);
                    if (record)
                        histograms[worker].RecordValue(Microseconds(t0));
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                        Console.Error.WriteLine($"call failed: {e.GetType().Name}: {e.Message}");
                }
            }
        })));
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        return Result.From(Merge(histograms), seconds, errors);
    }

    /// <summary>Open loop: <paramref name="rate"/> calls per second, each timed from when it was due.</summary>
    public static async Task<Result> RunAtRate(double rate, TimeSpan warmup, TimeSpan duration, Func<long, Task> call)
    {
        var histogram = NewHistogram();
        long errors = 0;
        var gate = new Lock();
        var running = new List<Task>();
        var interval = Stopwatch.Frequency / rate;
        var begin = Stopwatch.GetTimestamp();
        var measureFrom = begin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (long i = 0; ; i++)
        {
            var due = begin + (long)(i * interval);
            if (due >= end)
                break;
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            var record = due >= measureFrom;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await call(Next());
                    if (record)
                    {
                        var us = Microseconds(due);
                        lock (gate)
                            histogram.RecordValue(us);
                    }
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                        Console.Error.WriteLine($"call failed: {e.GetType().Name}: {e.Message}");
                }
            }));
        }
        await Task.WhenAll(running);
        return Result.From(histogram, duration.TotalSeconds, errors);
    }

    public static LongHistogram Merge(IEnumerable<LongHistogram> histograms)
    {
        var all = NewHistogram();
        foreach (var h in histograms)
            all.Add(h);
        return all;
    }
}
