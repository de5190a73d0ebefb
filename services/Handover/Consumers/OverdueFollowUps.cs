using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Handover.Domain;
using Mediation.Handover.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Handover.Consumers;

/// <summary>
/// Escalates a follow-up visit not recorded by its due date (the policy's days after the reunion), once
/// per visit, as a <see cref="FollowUpVisitOverdue"/> event. Every <c>Handover:ScanSeconds</c> (default 60).
/// </summary>
public sealed class OverdueFollowUps(IServiceScopeFactory scopes, FollowUpPolicy policy, TimeProvider clock, IConfiguration configuration, ILogger<OverdueFollowUps> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Handover:ScanSeconds", 60)), clock, logger)
{
    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HandoverDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var earliestDue = now.AddDays(-policy.DaysAfterReunion.DefaultIfEmpty(0).Min());
        var reunited = await db.Cases.Include(c => c.Visits)
            .Where(c => c.State == HandoverCaseState.Reunited && c.ReunitedAt < earliestDue)
            .ToListAsync(ct);
        var escalated = 0;
        foreach (var c in reunited)
        {
            var next = c.Visits.Count + 1;
            if (c.FollowUpEscalated >= next || c.FollowUpDue(next, policy) is not { } due || due >= now)
                continue;
            c.FollowUpEscalated = next;
            c.Version++;
            db.Publish(new FollowUpVisitOverdue(c.CaseId, next, due, now, null, null, c.Version), now);
            escalated++;
        }
        if (escalated > 0)
            await db.SaveChangesAsync(ct);
    }
}
