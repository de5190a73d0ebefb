using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// First step of a RabbitMQ queue's error pipe: a message whose consumer still failed after the immediate
/// retries is published, byte for byte with its headers, to the <see cref="DelayLine"/> of its next
/// redelivery, and taken off its queue once the broker has confirmed the copy. A message that does not
/// deserialize, or that has used up the <see cref="RedeliverySchedule"/>, goes on down the pipe: a fault
/// for the operators and the queue's <c>_error</c> queue. The consumer's own fault is held back until
/// then by <see cref="FaultAfterLastRedelivery"/>.
/// </summary>
public sealed class BrokerRedelivery(RedeliverySchedule schedule, ILogger logger) : IFilter<ExceptionReceiveContext>
{
    public const string CountHeader = "Mediation-Redelivery-Count";

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!WillRedeliver(schedule, context, context.Exception) || !context.TryGetPayload<ChannelContext>(out var channel)
            || !context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivered))
        {
            await next.Send(context);
            return;
        }

        var count = RedeliveryCount(context);
        var line = new DelayLine(schedule.Delays[count]);
        await line.Declare(channel, context.CancellationToken);
        var properties = new BasicProperties(delivered.Properties);
        properties.Headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>())
        {
            [CountHeader] = count + 1,
        };
        var queue = QueueAddress.Name(context.InputAddress);
        await channel.BasicPublishAsync(line.Name, queue, true, properties, context.GetBody(), true, context.CancellationToken);
        logger.LogWarning("Message {MessageId} failed on {Queue} ({Exception}); redelivery {Count} of {Of} in {Delay}",
            context.GetMessageId(), queue, context.Exception.GetType().Name, count + 1, schedule.Delays.Count, RedeliverySchedule.Format(line.Delay));
    }

    /// <summary>
    /// Whether this filter will send the failed message to a delay line rather than on to a fault: the one
    /// answer <see cref="FaultAfterLastRedelivery"/> also goes by, so a fault is held back exactly when a
    /// redelivery follows.
    /// </summary>
    public static bool WillRedeliver(RedeliverySchedule schedule, ReceiveContext context, Exception exception) =>
        !UndeliverableMessages.IsUnreadable(exception) && RedeliveryCount(context) < schedule.Delays.Count
        && context.TryGetPayload<ChannelContext>(out _) && context.TryGetPayload<RabbitMqBasicConsumeContext>(out _);

    public void Probe(ProbeContext context) => context.CreateFilterScope("brokerRedelivery");

    public static int RedeliveryCount(ReceiveContext context) =>
        context.TransportHeaders.TryGetHeader(CountHeader, out var value) && value is not null
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
