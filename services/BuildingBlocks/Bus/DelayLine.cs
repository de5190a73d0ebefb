using MassTransit.RabbitMqTransport;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// A message waiting in the broker to be delivered again, without the delayed-message plugin (Debian's
/// RabbitMQ 3.10 has none): one queue per delay, holding each message for exactly that long
/// (<c>x-message-ttl</c>), then dead-lettering it through the default exchange under the routing key it
/// was published with — the name of the queue it failed on — so it returns there. The queue is a quorum
/// queue with at-least-once dead-lettering: a message waiting out a delay survives a broker restart and
/// is never dropped on its way back (a copy that arrives twice is recognised by the consumer's inbox).
/// Its fanout exchange keeps the routing key as published. Every service declares the same lines, with
/// the same arguments, so they can share them.
/// </summary>
public sealed record DelayLine(TimeSpan Delay)
{
    public string Name => "mediation.redelivery." + RedeliverySchedule.Format(Delay);

    public async Task Declare(ChannelContext channel, CancellationToken ct)
    {
        await channel.ExchangeDeclare(Name, "fanout", durable: true, autoDelete: false, new Dictionary<string, object>(), ct);
        await channel.QueueDeclare(Name, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object>
        {
            ["x-queue-type"] = "quorum",
            ["x-message-ttl"] = (long)Delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish",
        }, ct);
        await channel.QueueBind(Name, Name, "", new Dictionary<string, object>(), ct);
    }
}
