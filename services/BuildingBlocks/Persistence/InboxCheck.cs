using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// Answers operations' <see cref="AppliedMessagesAsked"/> from this service's inbox, for the queues this
/// service owns: which of the ids asked its consumer on that queue has applied. Every service hears every
/// question; only the owner of the queue answers, so an answer always speaks for the inbox that knows.
/// It writes nothing, so a question heard twice is answered twice, the same way.
/// </summary>
public sealed class InboxCheck<TDb>(TDb db, InboxCheck<TDb>.OwnedQueues owned, TimeProvider clock, ILogger<InboxCheck<TDb>> logger)
    : IConsumer<AppliedMessagesAsked> where TDb : ServiceDbContext
{
    /// <summary>The queues (= the inbox's consumer names) of <typeparamref name="TDb"/>'s service.</summary>
    public sealed record OwnedQueues(IReadOnlySet<string> Names);

    public async Task Consume(ConsumeContext<AppliedMessagesAsked> context)
    {
        var asked = context.Message;
        if (!owned.Names.Contains(asked.Queue) || asked.MessageIds is not { Length: > 0 })
            return;
        // Bounded whatever the sender put in: one query, one answer.
        var ids = asked.MessageIds.Distinct().Take(AppliedMessagesAsked.MaxIds).ToList();
        List<Guid> applied;
        try
        {
            applied = await db.AppliedOf(asked.Queue, ids, context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // Not retried, not put in _error as a fault for the operators: operations asks again on a schedule
            // about every open fault not yet known applied, and a question is worth nothing once answered later.
            logger.LogWarning("Could not tell operations which of {Count} message(s) {Queue} applied ({ExceptionType}: {Message}); it will ask again",
                ids.Count, asked.Queue, e.GetType().Name, e.Message);
            return;
        }
        if (applied.Count > 0)
            await context.Publish(new AppliedMessagesFound(asked.Queue, [.. applied], clock.GetUtcNow().UtcDateTime), context.CancellationToken);
    }
}

public static class InboxCheckSetup
{
    /// <summary>
    /// This service's <see cref="InboxCheck{TDb}"/> on an endpoint of its own (<paramref name="endpoint"/>),
    /// answering for <paramref name="queues"/>.
    /// </summary>
    public static void AddInboxCheck<TDb>(this IHostApplicationBuilder builder, string endpoint, params string[] queues) where TDb : ServiceDbContext
    {
        builder.Services.AddSingleton(new InboxCheck<TDb>.OwnedQueues(queues.ToHashSet(StringComparer.Ordinal)));
        builder.ContributeToBus(x => x.AddConsumer<InboxCheck<TDb>>().Endpoint(e => e.Name = endpoint));
    }
}
