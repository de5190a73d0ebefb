using MassTransit;
using Mediation.Contracts;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>How every consumer applies a bus message exactly once: claim it in the inbox, apply, commit both together.</summary>
public static class InboxConsumption
{
    public static async Task ApplyOnce<T>(this ServiceDbContext db, ConsumeContext<T> context, string consumer, TimeProvider clock,
        Func<DateTime, Task> apply) where T : class
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a message id.");
        if (!await db.ClaimDelivery(messageId, consumer, now, context.CancellationToken))
        {
            if (context.Message is ICaseEvent copy)
                db.FlowSteps?.AlreadyApplied(db.ServiceName, copy.CaseId, messageId, typeof(T).FullName!, consumer, now, context.GetRedeliveryCount());
            return;
        }
        try
        {
            await apply(now);
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (context.Message is ICaseEvent failed)
        {
            // Retried at once, redelivered later, or in the end a fault: each failed attempt is a step of the flow.
            db.FlowSteps?.AttemptFailed(db.ServiceName, failed.CaseId, messageId, typeof(T).FullName!, consumer, now, clock.GetUtcNow().UtcDateTime,
                context.GetRetryAttempt(), context.GetRedeliveryCount(), e);
            throw;
        }
        // After the commit: a step is what happened, not what was tried.
        if (context.Message is ICaseEvent applied)
            db.FlowSteps?.Consumed(db.ServiceName, applied.CaseId, messageId, typeof(T).FullName!, consumer, now, clock.GetUtcNow().UtcDateTime,
                context.GetRetryAttempt(), context.GetRedeliveryCount());
    }
}
