using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Verification.Domain;
using Mediation.Verification.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mediation.Verification.Consumers;

/// <summary>
/// Escalates each check whose deadline has passed, once per deadline, as a <see cref="CheckOverdue"/>
/// event (committed with the mark that it was escalated). Time comes from <see cref="TimeProvider"/>,
/// so tests move it; the scan runs every <c>Verification:ScanSeconds</c> (default 60).
/// </summary>
public sealed class OverdueChecks(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<OverdueChecks> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Verification:ScanSeconds", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stoppingToken);
                await EscalateDue(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Overdue check scan failed ({ExceptionType}: {Message}); next scan in {Every}", e.GetType().Name, e.Message, every);
            }
        }
    }

    public async Task EscalateDue(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Checks
            .Where(c => c.DueAt != null && c.DueAt < now && c.EscalatedAt == null)
            .Where(c => c.State == CheckState.Pending || c.State == CheckState.MoreInfoNeeded)
            .OrderBy(c => c.Id).Take(500).ToListAsync(ct);
        foreach (var check in overdue)
        {
            check.EscalatedAt = now;
            db.Publish(new CheckOverdue(check.CaseId, Names.Of(check.Type), Names.Of(check.WaitingOn), check.DueAt!.Value, now, null, null), now);
        }
        if (overdue.Count > 0)
            await db.SaveChangesAsync(ct);
    }
}
