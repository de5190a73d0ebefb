using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// How soon a service's queues are read again after the broker comes back. MassTransit's RabbitMQ transport
/// reconnects its consumers on a fixed back-off from 3 s to 30 s that no setting reaches; after a broker restart
/// of ten seconds the services sat idle a further 10–20 s, the queues filling. Consumers here try again after about a
/// second, then at least about every <see cref="Longest"/> for as long as it takes, so that every service consumes again within a few seconds
/// of the broker's return (the issue asks for 10 s). Which failures are worth retrying stays MassTransit's
/// judgement (a refused password is still not retried).
/// </summary>
public static class BrokerReconnect
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(3);

    // The host configuration keeps its policy in a get-only property; this is its backing field. Should a
    // MassTransit upgrade rename either, Quicken says so at start and BrokerReconnectTests fails, rather than
    // the services silently going back to the slow reconnect.
    private const string PolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    /// <summary>Gives the bus's RabbitMQ host the quicker reconnect; returns false (and changes nothing) if MassTransit's shape has changed.</summary>
    public static bool Quicken(IRabbitMqBusFactoryConfigurator bus)
    {
        var host = HostOf(bus);
        var field = host?.GetType().GetField(PolicyField, BindingFlags.Instance | BindingFlags.NonPublic);
        if (host is null || field is null || field.FieldType != typeof(IRetryPolicy))
            return false;
        var judged = host.ReceiveTransportRetryPolicy;
        field.SetValue(host, Retry.CreatePolicy(r =>
        {
            r.Handle<Exception>(judged.IsHandled);
            // MassTransit spreads each wait by ±25 %: the first falls between 0.7 and 1.4 s, none after 3.75 s.
            r.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(500), Longest, TimeSpan.FromMilliseconds(500));
        }));
        return true;
    }

    /// <summary>The policy the bus's host reconnects its consumers with (for the test that keeps <see cref="Quicken"/> honest).</summary>
    public static IRetryPolicy? PolicyOf(IRabbitMqBusFactoryConfigurator bus) => HostOf(bus)?.ReceiveTransportRetryPolicy;

    private static IRabbitMqHostConfiguration? HostOf(IRabbitMqBusFactoryConfigurator bus) =>
        bus.GetType().GetField("_hostConfiguration", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(bus) as IRabbitMqHostConfiguration;
}
