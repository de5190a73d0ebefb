using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in each process's heartbeat: one row per (instance, service), newer-wins by the time it was sent
/// (<see cref="InstanceNews"/>; idempotent, so no inbox). Heartbeats carry a time to live, so a backlog of them after
/// an outage mostly expires in the broker; what still arrives late changes nothing.
/// </summary>
public sealed class InstanceHeartbeatIntake(OperationsDb db) : IConsumer<InstanceHeartbeat>
{
    /// <summary>Heartbeats and stops share a queue of their own, apart from the case events' work.</summary>
    public const string Endpoint = "operations-instances";

    public Task Consume(ConsumeContext<InstanceHeartbeat> context) =>
        InstanceNews.Apply(db, context.Message.InstanceId, context.Message.Services, row => row.Heard(context.Message), context.CancellationToken);
}
