using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Monitoring;

public static class MonitoringSetup
{
    /// <summary>Every process's heartbeats (<see cref="Heartbeats"/>), for the services that report their health.</summary>
    public static void AddHeartbeats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InstanceServices>();
        builder.Services.AddHostedService<Heartbeats>();
    }

    /// <summary>Names <paramref name="service"/> among the services this process's heartbeats say it hosts.</summary>
    public static void AddToHeartbeats(this IServiceCollection services, string service) =>
        services.Configure<InstanceServices>(s => s.Names.Add(service));

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
