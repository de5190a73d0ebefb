using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in a process's word that it is stopping in good order, so its rows read "stopped", not stale. Newer-wins
/// against its heartbeats (<see cref="InstanceNews"/>; idempotent, so no inbox): a stop arriving before the last
/// heartbeats still leaves the instance stopped, and the stop of an earlier run never stops a running one. One that
/// cannot be taken in now is let go with a warning, as heartbeats are: the instance then reads stale, which an
/// operator can tell from the log and clear with Forget.
/// </summary>
public sealed class InstanceStoppedIntake(OperationsDb db, ILogger<InstanceStoppedIntake> logger) : IConsumer<InstanceStopped>
{
    public async Task Consume(ConsumeContext<InstanceStopped> context)
    {
        var stopped = context.Message;
        try
        {
            await InstanceNews.Apply(db, stopped.InstanceId, stopped.Services, row => row.Stopped(stopped.StoppedAt), context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{InstanceId} said it stopped at {StoppedAt:O}, which could not be taken in ({ExceptionType}: {Message}); it will read stale until it heartbeats again or is forgotten",
                stopped.InstanceId, stopped.StoppedAt, e.GetType().Name, e.Message);
        }
    }
}
