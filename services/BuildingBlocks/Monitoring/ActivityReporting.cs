using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>
/// Every <c>Operations:SeriesSeconds</c> (10) closes this process's <see cref="ActivityWindow"/> and publishes it as
/// one <c>InstanceActivityReported</c> — one message per process per window, whatever the load. An empty window is
/// not sent; a window the bus did not take goes back into the next one, so an outage delays figures, not loses them.
/// </summary>
public sealed class ActivityReporting(ActivityWindow window, IBus bus, IConfiguration configuration, TimeProvider clock, ILogger<ActivityReporting> logger)
    : PeriodicScan(Interval(configuration), clock, logger)
{
    public static TimeSpan Interval(IConfiguration configuration) => TimeSpan.FromSeconds(configuration.GetValue("Operations:SeriesSeconds", 10.0));

    private readonly string _instanceId = configuration["Mediation:InstanceName"] is { Length: > 0 } name
        ? name
        : $"{Environment.MachineName}/{Environment.ProcessId}";

    public override async Task Scan(CancellationToken ct)
    {
        if (window.Swap(_instanceId) is not { } report)
            return;
        try
        {
            // A broker that is down must not hold the next window up for long.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Interval(configuration) * 3);
            await bus.Publish(report, patience.Token);
        }
        catch
        {
            window.Restore(report);
            throw;
        }
    }
}
