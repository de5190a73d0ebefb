using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Verification.Consumers;

/// <summary>
/// Escalates each check whose deadline has passed, once per deadline, as a <see cref="CheckOverdue"/>
/// event committed with the mark that it was escalated. Every <c>Verification:ScanSeconds</c> (default 60).
/// </summary>
public sealed class OverdueChecks(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<OverdueChecks> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Verification:ScanSeconds", 60)), clock, logger)
{
    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Checks
            .Where(c => c.DueAt != null && c.DueAt < now && c.EscalatedAt == null)
            .Where(c => c.State == CheckState.Pending || c.State == CheckState.MoreInfoNeeded)
            .OrderBy(c => c.Id).Take(500).ToListAsync(ct);
        var caseIds = overdue.Select(c => c.CaseId).Distinct().ToList();
        var lists = await db.Checklists.Where(l => caseIds.Contains(l.CaseId)).ToDictionaryAsync(l => l.CaseId, ct);
        foreach (var check in overdue)
        {
            // Through its checklist, whose version is the event's sequence: a concurrent attestation conflicts with it.
            var list = lists[check.CaseId];
            list.Escalate(check, now);
            db.Publish(new CheckOverdue(check.CaseId, Names.Of(check.Type), Names.Of(check.WaitingOn), check.DueAt!.Value, now, null, null, list.Version), now);
        }
        if (overdue.Count > 0)
            await db.SaveChangesAsync(ct);
    }
}
