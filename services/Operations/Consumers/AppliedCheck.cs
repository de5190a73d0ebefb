using Mediation.Contracts;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Finds out whether a faulted message was applied after all on the queue it failed on: after an outage a
/// queue's <c>_error</c> can hold a stale copy of a message the outbox sent again and the consumer applied.
/// Only the service that owns the queue knows (its inbox), so operations asks it over the bus
/// (<see cref="AppliedMessagesAsked"/>, through operations' own outbox: asked in the unit of work that
/// writes it, never lost) and marks what the owner answers (<see cref="AppliedMessagesFound"/>). Its own
/// queues it reads in its own inbox.
/// </summary>
public sealed class AppliedCheck(OperationsDb db)
{
    /// <summary>Operations' own queues, whose inbox is operations' database.</summary>
    public static readonly IReadOnlySet<string> OwnQueues = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseEventsProjection.Endpoint,
        FaultIntake.Endpoint,
    };

    /// <summary>About a fault being taken in, in the unit of work that adds it.</summary>
    public async Task AskAtIntake(FaultedMessage fault, DateTime now, CancellationToken ct)
    {
        if (fault.MessageId == Guid.Empty)
            return;
        var queue = fault.QueueName;
        if (!OwnQueues.Contains(queue))
            db.Publish(new AppliedMessagesAsked(queue, [fault.MessageId], now), now);
        else if ((await db.AppliedOf(queue, [fault.MessageId], ct)).Count > 0)
            fault.MarkApplied(queue, now);
    }

    /// <summary>
    /// About every open fault not yet known applied, again: the copy that heals often arrives after the
    /// fault, and an owner that was away when first asked answers now. Returns how many questions it asked.
    /// </summary>
    public async Task<int> AskAgain(DateTime now, CancellationToken ct)
    {
        var open = await db.Faults.AsNoTracking()
            .Where(f => f.State == FaultState.Open && f.FoundAppliedAt == null && f.MessageId != Guid.Empty)
            .Select(f => new { f.Queue, f.MessageId })
            .ToListAsync(ct);
        var asked = 0;
        foreach (var queue in open.GroupBy(f => FaultedMessage.NameOf(f.Queue)))
        {
            var ids = queue.Select(f => f.MessageId).Distinct().ToArray();
            if (OwnQueues.Contains(queue.Key))
            {
                await Found(queue.Key, await db.AppliedOf(queue.Key, ids, ct), now, ct);
                continue;
            }
            foreach (var batch in ids.Chunk(AppliedMessagesAsked.MaxIds))
            {
                db.Publish(new AppliedMessagesAsked(queue.Key, batch, now), now);
                asked++;
            }
        }
        if (asked > 0)
            await db.SaveChangesAsync(ct);
        return asked;
    }

    /// <summary>
    /// What the owner of <paramref name="queue"/> found applied: marks its open faults of those ids.
    /// Whenever and however often it arrives, the outcome is the same; returns how many were marked now.
    /// </summary>
    public async Task<int> Found(string queue, IReadOnlyCollection<Guid> messageIds, DateTime now, CancellationToken ct)
    {
        if (messageIds.Count == 0)
            return 0;
        var candidates = await db.Faults.AsNoTracking()
            .Where(f => messageIds.Contains(f.MessageId) && f.State == FaultState.Open && f.FoundAppliedAt == null)
            .ToListAsync(ct);
        var marked = candidates.Where(f => f.MarkApplied(queue, now)).Select(f => f.FaultId).ToList();
        if (marked.Count == 0)
            return 0;
        // The rule was applied to what was read; the update repeats its guard, so that a retry or discard an
        // operator committed in between keeps its fault unmarked, and a second answer changes nothing.
        return await db.Faults
            .Where(f => marked.Contains(f.FaultId) && f.State == FaultState.Open && f.FoundAppliedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.FoundAppliedAt, now).SetProperty(f => f.AppliedBy, queue), ct);
    }
}
