using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in a process's word that it is stopping in good order, so its rows read "stopped", not stale. Newer-wins
/// against its heartbeats (<see cref="InstanceNews"/>; idempotent, so no inbox): a stop arriving before the last
/// heartbeats still leaves the instance stopped, and the stop of an earlier run never stops a running one.
/// </summary>
public sealed class InstanceStoppedIntake(OperationsDb db) : IConsumer<InstanceStopped>
{
    public Task Consume(ConsumeContext<InstanceStopped> context) =>
        InstanceNews.Apply(db, context.Message.InstanceId, context.Message.Services, row => row.Stopped(context.Message.StoppedAt), context.CancellationToken);
}
