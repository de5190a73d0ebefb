using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in each process's heartbeat: one row per (instance, service), newer-wins by the time it was sent
/// (<see cref="InstanceNews"/>; idempotent, so no inbox). Heartbeats carry a time to live, so a backlog of them after
/// an outage mostly expires in the broker; what still arrives late changes nothing. One that cannot be taken in now
/// (operations' database away) is let go, not redelivered: the next one brings newer news, and a heartbeat that failed
/// every redelivery would only wait in the queue's _error queue for an operator with nothing to do about it.
/// </summary>
public sealed class InstanceHeartbeatIntake(OperationsDb db, TimeProvider clock, ILogger<InstanceHeartbeatIntake> logger) : IConsumer<InstanceHeartbeat>
{
    /// <summary>Heartbeats and stops share a queue of their own, apart from the case events' work.</summary>
    public const string Endpoint = "operations-instances";

    /// <summary>Every process's heartbeats fail alike while the database is away: one warning a minute says it.</summary>
    private static long _quietUntilTicks;

    public async Task Consume(ConsumeContext<InstanceHeartbeat> context)
    {
        var heartbeat = context.Message;
        try
        {
            await InstanceNews.Apply(db, heartbeat.InstanceId, heartbeat.Services, row => row.Heard(heartbeat), context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var quietUntil = Interlocked.Read(ref _quietUntilTicks);
            if (now >= quietUntil && Interlocked.CompareExchange(ref _quietUntilTicks, now + TimeSpan.TicksPerMinute, quietUntil) == quietUntil)
                logger.LogWarning("Heartbeats cannot be taken in ({ExceptionType}: {Message}), {InstanceId}'s among them; they are let go, the next ones bring the news (said once a minute)",
                    e.GetType().Name, e.Message, heartbeat.InstanceId);
        }
    }
}
