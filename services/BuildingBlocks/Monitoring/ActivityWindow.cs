using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Mediation.Contracts;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// What this process consumed and answered since the last report, in memory: a dictionary hit and a few increments
/// per message or call, nothing written anywhere. <see cref="ActivityReporting"/> swaps the window every
/// <c>Operations:SeriesSeconds</c> and ships the closed one as <see cref="InstanceActivityReported"/>.
/// </summary>
public sealed class ActivityWindow(TimeProvider clock)
{
    private sealed class Consumption
    {
        public long Processed, Retries, Failures;
        public readonly LatencyHistogram Processing = new();
        public readonly LatencyHistogram Critical = new();
    }

    private sealed class Tally(DateTime from)
    {
        public readonly DateTime From = from;
        public readonly ConcurrentDictionary<(string Type, string Queue), Consumption> Consumed = new();
        public readonly ConcurrentDictionary<(string Service, StatusCode Status), StrongBox<long>> Calls = new();
        public bool IsEmpty => Consumed.IsEmpty && Calls.IsEmpty;
    }

    private Tally _current = new(clock.GetUtcNow().UtcDateTime);

    private Consumption For(string type, string queue)
    {
        var tally = Volatile.Read(ref _current);
        return tally.Consumed.TryGetValue((type, queue), out var c) ? c : tally.Consumed.GetOrAdd((type, queue), _ => new Consumption());
    }

    /// <summary>A delivery consumed without an exception, with how long it took from receipt and since its event's commit.</summary>
    public void Consumed(string type, string queue, double processingMs, double criticalMs, bool retry)
    {
        var c = For(type, queue);
        Interlocked.Increment(ref c.Processed);
        if (retry)
            Interlocked.Increment(ref c.Retries);
        c.Processing.Record(processingMs);
        c.Critical.Record(criticalMs);
    }

    /// <summary>An attempt that threw (it may still be retried or redelivered).</summary>
    public void Failed(string type, string queue, bool retry)
    {
        var c = For(type, queue);
        Interlocked.Increment(ref c.Failures);
        if (retry)
            Interlocked.Increment(ref c.Retries);
    }

    public void Answered(string service, StatusCode status, long count = 1)
    {
        var tally = Volatile.Read(ref _current);
        var box = tally.Calls.TryGetValue((service, status), out var b) ? b : tally.Calls.GetOrAdd((service, status), _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, count);
    }

    /// <summary>
    /// Closes the window and opens the next; null when nothing happened in it. A thread that read the old window just
    /// before the swap may still add to it afterwards: that increment is lost, a price a monitoring figure can pay for
    /// taking no lock per message.
    /// </summary>
    public InstanceActivityReported? Swap(string instanceId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = Interlocked.Exchange(ref _current, new Tally(now));
        if (closed.IsEmpty)
            return null;
        return new InstanceActivityReported(instanceId, closed.From, now,
            closed.Consumed.Select(c => new ConsumedActivity(c.Key.Type, c.Key.Queue,
                Interlocked.Read(ref c.Value.Processed), Interlocked.Read(ref c.Value.Retries), Interlocked.Read(ref c.Value.Failures),
                c.Value.Processing.CountsCopy(), c.Value.Processing.SumMs, c.Value.Processing.MaxMs,
                c.Value.Critical.CountsCopy(), c.Value.Critical.SumMs, c.Value.Critical.MaxMs)).ToArray(),
            closed.Calls.Select(c => new CallActivity(c.Key.Service, StatusNames.Of(c.Key.Status), Interlocked.Read(ref c.Value.Value))).ToArray());
    }

    /// <summary>Takes a report that could not be sent back into the open window, so the next report carries it.</summary>
    public void Restore(InstanceActivityReported report)
    {
        foreach (var r in report.Consumed)
        {
            var c = For(r.MessageType, r.Queue);
            Interlocked.Add(ref c.Processed, r.Processed);
            Interlocked.Add(ref c.Retries, r.Retries);
            Interlocked.Add(ref c.Failures, r.Failures);
            c.Processing.Merge(r.ProcessingMs, r.ProcessingSumMs, r.ProcessingMaxMs);
            c.Critical.Merge(r.CriticalMs, r.CriticalSumMs, r.CriticalMaxMs);
        }
        foreach (var call in report.Calls)
            if (StatusNames.TryParse(call.Status, out var status))
                Answered(call.Service, status, call.Count);
    }
}
