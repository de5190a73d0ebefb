using System.Diagnostics.Metrics;
using Mediation.BuildingBlocks.Hosting;
using Mediation.BuildingBlocks.Telemetry;
using Mediation.Operations.Persistence;
using Mediation.Operations.Queues;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Operations.Telemetry;

/// <summary>
/// The operators' figures for Prometheus: cases per stage (counted every <c>Operations:SampleSeconds</c>)
/// and each queue's ready and unacknowledged messages from the queue watch's latest sample.
/// </summary>
public sealed class StageTally : PeriodicScan
{
    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyDictionary<string, int> _perStage = new Dictionary<string, int>();

    public StageTally(IServiceScopeFactory scopes, QueueWatch queues, IConfiguration configuration, TimeProvider clock, ILogger<StageTally> logger)
        : base(TimeSpan.FromSeconds(configuration.GetValue("Operations:SampleSeconds", 2.0)), clock, logger)
    {
        _scopes = scopes;
        MediationMetrics.Meter.CreateObservableGauge("mediation.cases", () =>
            _perStage.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("stage", s.Key))),
            unit: "{case}", description: "Cases per stage, as the operations service last counted them.");
        MediationMetrics.Meter.CreateObservableGauge("mediation.queue.ready", () =>
            queues.Latest.Queues.Select(q => new Measurement<long>(q.Ready, new KeyValuePair<string, object?>("queue", q.Name))),
            unit: "{message}", description: "Messages waiting in each queue.");
        MediationMetrics.Meter.CreateObservableGauge("mediation.queue.unacknowledged", () =>
            queues.Latest.Queues.Select(q => new Measurement<long>(q.Unacknowledged, new KeyValuePair<string, object?>("queue", q.Name))),
            unit: "{message}", description: "Messages delivered to a consumer and not yet acknowledged.");
    }

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OperationsDb>();
        _perStage = await db.Cases.GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
