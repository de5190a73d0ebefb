using Mediation.BuildingBlocks.Hosting;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Flow;

/// <summary>
/// Deletes case-flow steps older than <c>Operations:Flow:Days</c> (default 14), every ten minutes: a flow is for
/// finding where a case's messages went lately, and every step of every case adds up.
/// </summary>
public sealed class FlowRetention(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<FlowRetention> logger)
    : PeriodicScan(TimeSpan.FromMinutes(10), clock, logger)
{
    public const string DaysSetting = "Operations:Flow:Days";

    public TimeSpan Kept { get; } = TimeSpan.FromDays(Math.Max(0.001, configuration.GetValue(DaysSetting, 14.0)));

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OperationsDb>();
        var before = Clock.GetUtcNow().UtcDateTime - Kept;
        await db.Set<FlowStep>().Where(s => s.EndedAt < before).ExecuteDeleteAsync(ct);
    }
}
