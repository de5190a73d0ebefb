using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mediation.BuildingBlocks.Flow;

/// <summary>
/// Ships this process's <see cref="CaseFlowSteps"/> to operations as <see cref="CaseFlowRecorded"/> batches every
/// <c>Mediation:Flow:ShipSeconds</c> (default 1), as many batches as are full. A batch the bus refuses goes back into
/// the buffer for the next round; the step ids make a batch that did arrive twice harmless.
/// </summary>
public sealed class CaseFlowShipper(CaseFlowSteps steps, IBus bus, IConfiguration configuration, TimeProvider clock, ILogger<CaseFlowShipper> logger)
    : PeriodicScan(Every(configuration), clock, logger)
{
    public const string ShipSecondsSetting = "Mediation:Flow:ShipSeconds";

    private static TimeSpan Every(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Math.Max(0.05, configuration.GetValue(ShipSecondsSetting, 1.0)));

    public override async Task Scan(CancellationToken ct)
    {
        while (true)
        {
            var (batch, dropped) = steps.Take(CaseFlowRecorded.MaxSteps);
            if (batch.Count == 0 && dropped == 0)
                return;
            try
            {
                await bus.Publish(new CaseFlowRecorded(CaseFlowSteps.ThisProcess, [.. batch], dropped, Clock.GetUtcNow().UtcDateTime), ct);
            }
            catch
            {
                steps.PutBack(batch, dropped);
                throw;
            }
            if (dropped > 0)
                logger.LogWarning("{Dropped} case-flow step(s) were dropped while the bus was out of reach; those cases' flows have gaps", dropped);
            if (batch.Count < CaseFlowRecorded.MaxSteps)
                return;
        }
    }
}
