using MassTransit;
using Mediation.BuildingBlocks.Bus;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// Times every delivery every consumer of this process handles, into the <see cref="ActivityWindow"/>: processing
/// time from the delivery's receipt, critical time from the event's commit (the <see cref="CommittedAtHeader"/> the
/// outbox adds; the sending time for messages without it), retries and failed attempts, per message type and queue.
/// </summary>
public sealed class ConsumeTimings(ActivityWindow window, TimeProvider clock) : IConsumeObserver
{
    /// <summary>When the event's unit of work committed (its outbox row's creation), in Unix milliseconds.</summary>
    public const string CommittedAtHeader = "Mediation-CommittedAt";

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var now = clock.GetUtcNow();
        var committed = CommittedAt(context);
        var critical = committed is { } at ? Math.Max(0, (now - at).TotalMilliseconds) : context.ReceiveContext.ElapsedTime.TotalMilliseconds;
        window.Consumed(MessageTypeName<T>.Value, QueueOf(context), context.ReceiveContext.ElapsedTime.TotalMilliseconds, critical, IsRetry(context));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        window.Failed(MessageTypeName<T>.Value, QueueOf(context), IsRetry(context));
        return Task.CompletedTask;
    }

    private static DateTimeOffset? CommittedAt(ConsumeContext context)
    {
        if (context.Headers.TryGetHeader(CommittedAtHeader, out var value) && value is not null)
        {
            try
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentOutOfRangeException)
            {
                // A foreign producer's header: fall back to the sending time.
            }
        }
        return context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null;
    }

    private static bool IsRetry(ConsumeContext context) =>
        context.GetRetryAttempt() > 0 || context.GetRedeliveryCount() > 0 || BrokerRedelivery.RedeliveryCount(context.ReceiveContext) > 0;

    private static string QueueOf(ConsumeContext context) =>
        context.ReceiveContext.InputAddress is { } address ? QueueNames.Of(address) : "?";
}

/// <summary>Queue names per input address, worked out once per address rather than once per message.</summary>
internal static class QueueNames
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, string> Names = new();

    public static string Of(Uri address) => Names.TryGetValue(address, out var name) ? name : Names.GetOrAdd(address, QueueAddress.Name);
}
