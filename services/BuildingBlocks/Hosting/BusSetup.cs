using MassTransit;
using MassTransit.Middleware;
using Mediation.BuildingBlocks.Bus;
using Mediation.BuildingBlocks.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// One bus per process. Each service contributes its consumers with <see cref="ContributeToBus"/>;
/// the host then calls <see cref="AddMediationBus"/> once and the configuration picks the transport:
/// <c>Bus:Transport</c> = <c>InMemory</c> (the embedded default) or <c>RabbitMq</c>
/// (<c>Bus:Host</c> — one node or several, <see cref="BrokerNodes"/> — <c>Bus:Port</c>, <c>Bus:VirtualHost</c>,
/// <c>Bus:Username</c>, <c>Bus:Password</c>).
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
        var redelivery = RedeliverySchedule.From(builder.Configuration);
        var nodes = BrokerNodes.From(builder.Configuration);
        builder.AddActivityRecording();

        builder.Services.AddMassTransit(x =>
        {
            foreach (var contribute in contributions)
                contribute(x);

            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var logger = context.GetRequiredService<ILoggerFactory>().CreateLogger("Mediation.Bus");
                var rabbit = endpoint as IRabbitMqReceiveEndpointConfigurator;
                // Quorum queues are replicated and durable: a broker node's loss loses no case's event.
                rabbit?.SetQuorumQueue();
                // What still fails after the immediate retries: on RabbitMQ, redelivered later through the
                // broker's delay lines; then, or when it cannot be read at all, a fault for the operators
                // (the consumer's own fault waits for that too: FaultAfterLastRedelivery).
                endpoint.ConfigureError(e =>
                {
                    if (rabbit is not null)
                        e.UseFilter(new BrokerRedelivery(redelivery, logger));
                    e.UseFilter(new UnreadableMessageReport(logger));
                    e.UseFilter(new GenerateFaultFilter());
                    e.UseFilter(new ErrorTransportFilter());
                });
                endpoint.ConfigureDeadLetter(d =>
                {
                    d.UseFilter(new SkippedMessageReport(logger));
                    d.UseFilter(new DeadLetterTransportFilter());
                });
            });

            if (string.Equals(transport, "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(nodes.First.Host, nodes.First.Port, bus["VirtualHost"] ?? "/", h =>
                    {
                        h.Username(bus["Username"] ?? "guest");
                        h.Password(bus["Password"] ?? "guest");
                        // A cluster: the connection goes to the first node that answers and, when that node goes,
                        // to a surviving one; the quorum queues' replicas there still hold every message.
                        if (nodes.IsCluster)
                            h.UseCluster(c =>
                            {
                                foreach (var node in nodes.All)
                                    c.Node(node.ToString());
                            });
                        // A publish completes only when the broker has the message: the outbox relies on it.
                        h.PublisherConfirmation = true;
                    });
                    if (!BrokerReconnect.Quicken(cfg))
                        context.GetRequiredService<ILoggerFactory>().CreateLogger("Mediation.Bus").LogWarning(
                            "The quicker reconnect to the broker could not be set (MassTransit has changed): consumers come back on MassTransit's own 3-30 s back-off after a broker restart.");
                    // Outside the immediate retries (so before them), which report their fault to it.
                    FaultAfterLastRedelivery.On(cfg, redelivery);
                    ConfigureCommon(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else if (string.Equals(transport, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                x.AddDelayedMessageScheduler();
                x.UsingInMemory((context, cfg) =>
                {
                    // The in-memory bus holds its delayed messages itself (they go with the process, as
                    // everything on that bus does).
                    cfg.UseDelayedMessageScheduler();
                    if (redelivery.Delays.Count > 0)
                        cfg.UseDelayedRedelivery(r =>
                        {
                            r.Intervals(redelivery.Delays.ToArray());
                            r.Ignore<System.Runtime.Serialization.SerializationException>();
                        });
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
        // Lost races on one case (optimistic concurrency) and blips are retried at once, in the consumer;
        // what still fails is redelivered later (RedeliverySchedule).
        cfg.UseMessageRetry(r => r.Intervals(RedeliverySchedule.ImmediateRetries.ToArray()));
}
