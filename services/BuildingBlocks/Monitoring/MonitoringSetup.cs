using Microsoft.Extensions.DependencyInjection;
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
}
