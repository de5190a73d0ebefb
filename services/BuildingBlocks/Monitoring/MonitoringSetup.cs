using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Monitoring;

public static class MonitoringSetup
{
    /// <summary>
    /// Every process records what its consumers handled and what its services answered (<see cref="ActivityWindow"/>)
    /// and reports it to operations every <c>Operations:SeriesSeconds</c>.
    /// </summary>
    public static void AddActivityRecording(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ActivityWindow>();
        builder.Services.AddSingleton<ConsumeTimings>();
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<ConsumeTimings>());
        builder.Services.AddHostedService<ActivityReporting>();
    }
}
