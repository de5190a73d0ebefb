using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Mediation.Bench;

/// <summary>
/// The bus ceiling: persistent messages published with confirms into a quorum queue (the queue type the
/// services use) and consumed with acks from it at the same time, with nothing else in the way. Each
/// call is one publish awaiting its confirm; the figure is the messages consumed per second.
/// </summary>
public static class Broker
{
    private const string Queue = "bench-raw";

    public sealed record Result(Load.Result Publish, double ConsumedPerSecond);

    public static async Task<Result> Run(ConnectionFactory factory, int concurrency, TimeSpan warmup, TimeSpan duration, int payloadBytes)
    {
        await using var connection = await factory.CreateConnectionAsync("mediation-bench");
        await using (var setup = await connection.CreateChannelAsync())
        {
            await setup.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await setup.QueuePurgeAsync(Queue);
        }

        long consumed = 0;
        await using var consuming = await connection.CreateChannelAsync();
        await consuming.BasicQosAsync(0, 200, false);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref consumed);
            await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consuming.BasicConsumeAsync(Queue, autoAck: false, consumer);

        // A channel per caller, as each service's publisher has its own; every publish waits for its confirm.
        var channels = new IChannel[concurrency];
        for (var i = 0; i < concurrency; i++)
            channels[i] = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = new byte[payloadBytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };

        long measureFrom = 0;
        var publish = await Load.Run(concurrency, warmup, duration,
            (worker, _) => channels[worker].BasicPublishAsync("", Queue, mandatory: true, properties, body).AsTask(),
            onMeasureStart: () =>
            {
                // The warm-up's messages stay out of the count.
                Interlocked.Exchange(ref consumed, 0);
                measureFrom = Stopwatch.GetTimestamp();
            });
        var window = (Stopwatch.GetTimestamp() - measureFrom) / (double)Stopwatch.Frequency;
        var received = Interlocked.Read(ref consumed);

        foreach (var channel in channels)
            await channel.DisposeAsync();
        return new Result(publish, received / window);
    }
}
