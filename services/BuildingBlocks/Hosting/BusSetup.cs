using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// One bus per process. Each service contributes its consumers with <see cref="ContributeToBus"/>;
/// the host then calls <see cref="AddMediationBus"/> once and the configuration picks the transport:
/// <c>Bus:Transport</c> = <c>InMemory</c> (the embedded default) or <c>RabbitMq</c>
/// (<c>Bus:Host</c>, <c>Bus:Port</c>, <c>Bus:VirtualHost</c>, <c>Bus:Username</c>, <c>Bus:Password</c>).
/// </summary>
public static class BusSetup
{
    private const string ContributionsKey = "Mediation.BusContributions";

    public static void ContributeToBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> contribution)
    {
        if (!builder.Properties.TryGetValue(ContributionsKey, out var list))
            builder.Properties[ContributionsKey] = list = new List<Action<IBusRegistrationConfigurator>>();
        ((List<Action<IBusRegistrationConfigurator>>)list).Add(contribution);
    }

    public static void AddMediationBus(this IHostApplicationBuilder builder, string defaultTransport = "InMemory")
    {
        var contributions = builder.Properties.TryGetValue(ContributionsKey, out var list)
            ? (List<Action<IBusRegistrationConfigurator>>)list
            : [];
        var bus = builder.Configuration.GetSection("Bus");
        var transport = bus["Transport"] ?? defaultTransport;

        builder.Services.AddMassTransit(x =>
        {
            foreach (var contribute in contributions)
                contribute(x);

            if (string.Equals(transport, "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                // Quorum queues are replicated and durable: a broker node's loss loses no case's event.
                x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                        rabbit.SetQuorumQueue();
                });
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(bus["Host"] ?? "localhost", ushort.Parse(bus["Port"] ?? "5672"), bus["VirtualHost"] ?? "/", h =>
                    {
                        h.Username(bus["Username"] ?? "guest");
                        h.Password(bus["Password"] ?? "guest");
                        // A publish completes only when the broker has the message: the outbox relies on it.
                        h.PublisherConfirmation = true;
                    });
                    ConfigureCommon(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else if (string.Equals(transport, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                x.UsingInMemory((context, cfg) =>
                {
                    ConfigureCommon(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                throw new InvalidOperationException($"Bus:Transport must be InMemory or RabbitMq, not '{transport}'.");
            }
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
    }

    private static void ConfigureCommon(IBusFactoryConfigurator cfg) =>
        // Lost races on one case (optimistic concurrency) and passing faults are retried; what still
        // fails goes to the endpoint's error queue for the operators.
        cfg.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
}
