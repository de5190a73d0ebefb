using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.IntegrationTests;

/// <summary>A message the test bus sends itself through a quorum queue on the cluster.</summary>
public sealed record ClusterProbe(Guid Id);

public sealed class ClusterProbeConsumer(ConcurrentDictionary<Guid, int> consumed) : IConsumer<ClusterProbe>
{
    public Task Consume(ConsumeContext<ClusterProbe> context)
    {
        consumed.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A bus set up as the services' own (BusSetup, Bus:Host listing the three nodes) on a real three-node cluster:
/// its queue is a quorum queue with a replica on every node, and when the node it is connected to stops, it
/// reconnects to a surviving one and goes on consuming.
/// </summary>
[Collection(BrokerClusterCollection.Name)]
public sealed class BrokerClusterTests(BrokerCluster cluster)
{
    // Bounds that only turn a hang into a failure: a node's stop and the client's reconnect take seconds, more on a busy machine.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task When_the_node_a_bus_is_connected_to_stops_it_goes_on_consuming_from_a_surviving_node()
    {
        var consumed = new ConcurrentDictionary<Guid, int>();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Host"] = cluster.Nodes,
            ["Bus:VirtualHost"] = cluster.VirtualHost,
            ["Bus:Redelivery"] = "none",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(consumed);
        builder.ContributeToBus(x => x.AddConsumer<ClusterProbeConsumer>());
        builder.AddMediationBus();
        using var host = builder.Build();
        await host.StartAsync();
        var stopped = 0;
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var before = await Consumed(bus, consumed);

            var queue = await Eventually(() => BrokerCluster.Get($"queues/{Uri.EscapeDataString(cluster.VirtualHost)}"),
                queues => queues.EnumerateArray().Any(q => q.GetProperty("name").GetString() == "ClusterProbe"));
            var probeQueue = queue.EnumerateArray().Single(q => q.GetProperty("name").GetString() == "ClusterProbe");
            Assert.Equal("quorum", probeQueue.GetProperty("type").GetString());
            Assert.Equal(BrokerCluster.Size, probeQueue.GetProperty("members").GetArrayLength());

            stopped = await ConnectedNode();
            await cluster.Stop(stopped);

            var after = await Consumed(bus, consumed);
            Assert.NotEqual(stopped, await ConnectedNode());
            Assert.Equal(1, consumed[before]);
            Assert.Equal(1, consumed[after]);
        }
        finally
        {
            await host.StopAsync();
            if (stopped != 0)
                await cluster.Start(stopped);
        }
    }

    /// <summary>Publishes a probe (again while the bus is between nodes) until it has been consumed.</summary>
    private static async Task<Guid> Consumed(IBus bus, ConcurrentDictionary<Guid, int> consumed)
    {
        var probe = new ClusterProbe(Guid.NewGuid());
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await bus.Publish(probe, timeout.Token);
                break;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The connection is moving to another node: publish again (the consumer counts each probe once it arrives).
                await Task.Delay(200);
            }
        }
        await Eventually(() => Task.FromResult(consumed.ContainsKey(probe.Id)), seen => seen);
        return probe.Id;
    }

    /// <summary>The node this run's bus is connected to (its one connection in the run's virtual host).</summary>
    private async Task<int> ConnectedNode()
    {
        var connections = await Eventually(() => BrokerCluster.Get("connections"),
            all => Ours(all).Count() == 1);
        return BrokerCluster.NodeNumber(Ours(connections).Single().GetProperty("node").GetString()!);
    }

    private IEnumerable<JsonElement> Ours(JsonElement connections) =>
        connections.EnumerateArray().Where(c => c.TryGetProperty("vhost", out var v) && v.GetString() == cluster.VirtualHost);

    private static async Task<T> Eventually<T>(Func<Task<T>> ask, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                var answer = await ask();
                if (done(answer))
                    return answer;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // A node on its way out or back answers with an error for a moment.
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"not done within {Deadline}");
            await Task.Delay(250);
        }
    }
}
