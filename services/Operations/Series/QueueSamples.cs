using Mediation.BuildingBlocks.Hosting;
using Mediation.Operations.Queues;

namespace Mediation.Operations.Series;

/// <summary>
/// Takes each new sample of the <see cref="QueueWatch"/> (every <c>Operations:SampleSeconds</c>) into the queues'
/// points: depth, in and out rates, consumers, as gauges. A sample that failed (the broker's API down) is no point.
/// </summary>
public sealed class QueueSamples(QueueWatch watch, LocalPoints points, IConfiguration configuration, TimeProvider clock, ILogger<QueueSamples> logger)
    : PeriodicScan(TimeSpan.FromSeconds(configuration.GetValue("Operations:SampleSeconds", 2.0)), clock, logger)
{
    private DateTime _taken = DateTime.MinValue;

    public override Task Scan(CancellationToken ct)
    {
        var latest = watch.Latest;
        if (latest.At > _taken && latest.Problem is null)
        {
            _taken = latest.At;
            points.Sampled(latest.At, latest.Queues);
        }
        return Task.CompletedTask;
    }
}
