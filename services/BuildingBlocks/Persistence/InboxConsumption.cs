using MassTransit;

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
            return;
        await apply(now);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
