using Mediation.BuildingBlocks.Bus;
using System.Collections.Concurrent;
using MassTransit;

namespace Mediation.Operations.Queues;

/// <summary>
/// Queue figures on the in-memory bus, counted in the process: what each receive endpoint started,
/// finished and failed, and what was published or sent to it. A queue's "ready" count is what was
/// published of the message types it has consumed so far, plus what was sent to it, less what it
/// started — so it is exact once a queue has seen each of its types once.
/// </summary>
public sealed class InMemoryQueueCounters : IQueueSource, IReceiveObserver, IConsumeObserver, IPublishObserver, ISendObserver, IReceiveEndpointObserver
{
    private sealed class Queue
    {
        public long Started, Finished, Faulted, Sent;
        public int Consumers;
        public readonly ConcurrentDictionary<Type, bool> Types = new();
    }

    private readonly ConcurrentDictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, long> _published = new();
    private readonly TimeProvider _clock;
    private Dictionary<string, (long Published, long Finished)> _last = new();
    private long _lastAt;

    public InMemoryQueueCounters(TimeProvider clock)
    {
        _clock = clock;
        _lastAt = clock.GetTimestamp();
    }

    public string Origin => "in-process counters";

    private Queue For(Uri? address) => _queues.GetOrAdd(address is null ? "?" : QueueAddress.Name(address), _ => new Queue());

    public Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct)
    {
        var now = _clock.GetTimestamp();
        var seconds = Math.Max(_clock.GetElapsedTime(_lastAt, now).TotalSeconds, 0.001);
        var next = new Dictionary<string, (long, long)>();
        var readings = new List<QueueReading>();
        // The bus's own endpoint (responses, faults addressed to it) is not a work queue.
        foreach (var (name, q) in _queues.Where(q => !q.Key.Contains("_bus_", StringComparison.Ordinal)))
        {
            var published = q.Types.Keys.Sum(t => _published.GetValueOrDefault(t)) + Interlocked.Read(ref q.Sent);
            var started = Interlocked.Read(ref q.Started);
            var finished = Interlocked.Read(ref q.Finished) + Interlocked.Read(ref q.Faulted);
            var (lastPublished, lastFinished) = _last.GetValueOrDefault(name);
            next[name] = (published, finished);
            readings.Add(new QueueReading(name, Math.Max(0, published - started), Math.Max(0, started - finished), q.Consumers,
                (published - lastPublished) / seconds, (finished - lastFinished) / seconds));
        }
        (_last, _lastAt) = (next, now);
        return Task.FromResult<IReadOnlyList<QueueReading>>(readings.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
    }

    // Receive endpoints: a queue has its consumer while its endpoint is up.
    public Task Ready(ReceiveEndpointReady ready) { For(ready.InputAddress).Consumers = 1; return Task.CompletedTask; }
    public Task Stopping(ReceiveEndpointStopping stopping) { For(stopping.InputAddress).Consumers = 0; return Task.CompletedTask; }
    public Task Completed(ReceiveEndpointCompleted completed) { For(completed.InputAddress).Consumers = 0; return Task.CompletedTask; }
    public Task Faulted(ReceiveEndpointFaulted faulted) { For(faulted.InputAddress).Consumers = 0; return Task.CompletedTask; }

    // Deliveries.
    public Task PreReceive(ReceiveContext context) { Interlocked.Increment(ref For(context.InputAddress).Started); return Task.CompletedTask; }
    public Task PostReceive(ReceiveContext context) { Interlocked.Increment(ref For(context.InputAddress).Finished); return Task.CompletedTask; }
    public Task ReceiveFault(ReceiveContext context, Exception exception) { Interlocked.Increment(ref For(context.InputAddress).Faulted); return Task.CompletedTask; }
    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    // Which message types reach which queue, learned from what each queue consumes.
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        For(context.ReceiveContext.InputAddress).Types.TryAdd(typeof(T), true);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    // What enters the queues.
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
    public Task PostPublish<T>(PublishContext<T> context) where T : class { _published.AddOrUpdate(typeof(T), 1, (_, n) => n + 1); return Task.CompletedTask; }
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;
    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        // Only sends to a known queue (an operator's retry); publishes go to exchanges, counted above.
        if (context.DestinationAddress is { } to && _queues.TryGetValue(QueueAddress.Name(to), out var queue))
            Interlocked.Increment(ref queue.Sent);
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
