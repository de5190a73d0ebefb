using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Requests.Consumers;

/// <summary>
/// Escalates, once per forwarding, a case whose holding party has not answered by its deadline: a
/// <see cref="HoldingAnswerOverdue"/> event and a timeline entry, committed together. Every
/// <c>Requests:ScanSeconds</c> (default 60).
/// </summary>
public sealed class OverdueAnswers(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<OverdueAnswers> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Requests:ScanSeconds", 60)), clock, logger)
{
    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Cases
            .Where(c => c.Stage == CaseStage.Forwarded && c.AnswerDueAt != null && c.AnswerDueAt < now && c.AnswerEscalatedAt == null)
            .OrderBy(c => c.Id).Take(500).ToListAsync(ct);
        foreach (var c in overdue)
        {
            c.AnswerEscalatedAt = now;
            c.Touch(now);
            var e = new HoldingAnswerOverdue(c.Id, c.HoldingPartyId!, c.AnswerDueAt!.Value, now, null, null, c.Version);
            c.Record(nameof(HoldingAnswerOverdue), StageProjection.Registry, null, null, now, e.Sequence, TimelineSummary.Of(e));
            db.Publish(e, now);
        }
        if (overdue.Count > 0)
            await db.SaveChangesAsync(ct);
    }
}
