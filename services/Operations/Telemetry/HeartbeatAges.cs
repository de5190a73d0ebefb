using System.Diagnostics.Metrics;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Telemetry;
using Mediation.Operations.Domain;
using Mediation.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Telemetry;

/// <summary>
/// <c>mediation.instance.heartbeat.age</c> for Prometheus and its alert rules: seconds since each running instance's
/// last heartbeat, per service and instance, worked out at each scrape from the rows as last read (every
/// <c>Operations:SampleSeconds</c>) — from the database, not from this process's consumer, which with two operations
/// instances hears only some of the heartbeats. Instances that said they stopped are left out: a planned stop
/// raises no alarm, and their age would only grow.
/// </summary>
public sealed class HeartbeatAges : PeriodicScan
{
    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<ServiceInstance> _rows = [];

    public HeartbeatAges(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<HeartbeatAges> logger)
        : base(TimeSpan.FromSeconds(configuration.GetValue("Operations:SampleSeconds", 2.0)), clock, logger)
    {
        _scopes = scopes;
        MediationMetrics.Meter.CreateObservableGauge("mediation.instance.heartbeat.age", Measure,
            unit: "s", description: "Seconds since the last heartbeat of each instance of each service that has not said it stopped.");
    }

    private IEnumerable<Measurement<double>> Measure()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var row in _rows)
            if (row.LastHeartbeatAt != ServiceInstance.NeverHeard && row.StateAt(now) != InstanceState.Stopped)
                yield return new Measurement<double>(Math.Max(0, (now - row.LastHeartbeatAt).TotalSeconds),
                    new KeyValuePair<string, object?>("service", row.Service), new KeyValuePair<string, object?>("instance", row.InstanceId));
    }

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        _rows = await scope.ServiceProvider.GetRequiredService<OperationsDb>().Set<ServiceInstance>().AsNoTracking().ToListAsync(ct);
    }
}
