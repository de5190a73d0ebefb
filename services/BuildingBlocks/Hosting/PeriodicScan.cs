using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// Runs <see cref="Scan"/> every <paramref name="every"/> on the service's <see cref="TimeProvider"/>, so
/// deadline scans follow a test's clock. A failed scan is logged and retried at the next tick.
/// </summary>
public abstract class PeriodicScan(TimeSpan every, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    public abstract Task Scan(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, Clock, stoppingToken);
                await Scan(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("{Scan} failed ({ExceptionType}: {Message}); next in {Every}", GetType().Name, e.GetType().Name, e.Message, every);
            }
        }
    }
}
