using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Applies news of an instance (a heartbeat, a stop) to its row per service, newer-wins. No inbox: applying the same
/// news twice, or old news late, changes nothing, so a redelivered or duplicate message is harmless without one.
/// Writers of the same rows at once (two operations instances, several messages in flight after an outage) conflict:
/// the first row's insert by a unique key, later changes by the concurrency tokens; the loser reads again and
/// re-applies, and what is then old news is dropped. Late and repeated heartbeats write nothing at all.
/// </summary>
public static class InstanceNews
{
    /// <summary>Each lost race means another writer committed news of the instance: a burst of them needs this many at most.</summary>
    private const int MaxAttempts = 20;

    public static async Task Apply(OperationsDb db, string instanceId, IReadOnlyCollection<string> services, Func<ServiceInstance, bool> apply, CancellationToken ct)
    {
        var named = services.Distinct().ToArray();
        for (var attempt = 1; ; attempt++)
        {
            var rows = await db.Set<ServiceInstance>().Where(i => i.InstanceId == instanceId && named.Contains(i.Service)).ToListAsync(ct);
            var changed = false;
            foreach (var service in named)
            {
                var row = rows.FirstOrDefault(r => r.Service == service);
                if (row is null)
                {
                    row = ServiceInstance.For(instanceId, service);
                    db.Add(row);
                }
                changed |= apply(row);
            }
            if (!changed)
                return;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another writer came first: start again from what it stored, after a pause of a few milliseconds,
                // random so that the losers do not meet again.
                db.StartOver();
                await Task.Delay(Random.Shared.Next(1, 2 + 2 * attempt), ct);
            }
        }
    }
}
