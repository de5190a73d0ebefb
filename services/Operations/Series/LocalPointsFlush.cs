using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Monitoring;
using Mediation.Operations.Persistence;

namespace Mediation.Operations.Series;

/// <summary>Writes operations' own points (<see cref="LocalPoints"/>) every <c>Operations:SeriesSeconds</c>; what fails to be written waits for the next time.</summary>
public sealed class LocalPointsFlush(LocalPoints points, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<LocalPointsFlush> logger)
    : PeriodicScan(ActivityReporting.Interval(configuration), clock, logger)
{
    public override async Task Scan(CancellationToken ct)
    {
        var taken = points.Take();
        if (taken.Count == 0)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await SeriesMerge.Into(scope.ServiceProvider.GetRequiredService<OperationsDb>(), taken, ct);
        }
        catch
        {
            points.PutBack(taken);
            throw;
        }
    }
}
