using System.Diagnostics;
using System.Text.Json;
using Mediation.IntegrationTests;

namespace Mediation.FaultTests;

/// <summary>The faults a round of cases meets: each starts the fault and returns what ends it.</summary>
public static class Faults
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    public delegate Task<Func<Task>> Fault(DistributedServices services);

    public static readonly IReadOnlyDictionary<string, Fault> All = new Dictionary<string, Fault>
    {
        ["broker stopped and started"] = async _ => { await Script("rabbitmq.sh", "stop"); return () => Script("rabbitmq.sh", "start"); },
        ["broker killed (kill -9)"] = async _ => { await KillBroker(); return () => Script("rabbitmq.sh", "start"); },
        ["requests killed (kill -9)"] = KillService("Requests"),
        ["verification killed (kill -9)"] = KillService("Verification"),
        ["handover killed (kill -9)"] = KillService("Handover"),
        ["operations killed (kill -9)"] = KillService("Operations"),
        ["PostgreSQL server stopped 60 s"] = async _ =>
        {
            await Script("postgres.sh", "stop");
            await Task.Delay(Outage);
            return () => Script("postgres.sh", "start");
        },
        // Two verification processes share one database; the one publishing its outbox is killed mid-round: the other
        // takes the lease when the dead one's session ends, and no event is lost or sent twice.
        ["verification's outbox publisher killed (kill -9), two instances"] = async services =>
        {
            var publisher = await IntegrationTests.Requests.Eventually(() => services.OutboxPublisher("Verification", "PostgresVerificationDb"), p => p is not null);
            await publisher!.Stop();
            return publisher == services.Main("Verification") ? () => services.Restart("Verification") : () => Task.CompletedTask;
        },
        // Messages no retry can help, among the round's own: a body that is not JSON, a type nobody consumes.
        // Nothing stops, and both must end on the dashboard (the suite's last check).
        ["an unreadable and an unknown message"] = async services =>
        {
            await services.PublishRaw("handover-case-verified", "{ not json at all");
            await services.PublishRaw("requests-case-events", JsonSerializer.Serialize(new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { "urn:message:Mediation.Contracts:CaseTeleported" },
                message = new { caseId = "nobody" },
                sentTime = DateTime.UtcNow,
            }));
            return () => Task.CompletedTask;
        },
        ["verification's database refusing connections 60 s"] = async services =>
        {
            var outage = await services.DatabaseOutage("verification");
            await Task.Delay(Outage);
            return async () => await outage.DisposeAsync();
        },
    };

    /// <summary>How long a lost broker node stays away at least: cases go on through the other two meanwhile.</summary>
    public static readonly TimeSpan NodeOutage = TimeSpan.FromSeconds(30);

    /// <summary>How long the consumers may take to come back on the surviving nodes, and the replicas on the node come back.</summary>
    private static readonly TimeSpan NodePatience = TimeSpan.FromMinutes(3);

    public delegate Task<Func<Task>> ClusterFault(ClusterServices services);

    /// <summary>
    /// A broker node of the three lost while cases go through (<see cref="ClusterServices"/>): the one leading most
    /// quorum queues. scripts/cluster.sh takes it away and brings it back; its loss is recorded as <see cref="ClusterServices.LastLoss"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ClusterFault> OnCluster = new Dictionary<string, ClusterFault>
    {
        ["broker node stopped (one of three)"] = NodeLost("stop", "start"),
        ["broker node killed (kill -9, one of three)"] = NodeLost("kill", "start"),
        // iptables cuts the node's Erlang distribution from the other two; clients still reach it until, a minority
        // by pause_minority, it pauses and closes their connections: the node holding most connections is cut off.
        ["broker node cut off (partition)"] = NodeLost("partition", "heal", connectionsFirst: true),
    };

    private static ClusterFault NodeLost(string strike, string restore, bool connectionsFirst = false) => async services =>
    {
        services.LastLoss = null;
        var names = await services.NodeNames();
        var (node, why) = await services.MostLoaded(connectionsFirst);
        // The survivors' view: the lost node, cut off, would go on answering for its side alone.
        services.AskAnyBut(node);
        var before = await services.Consumers();
        var striking = ClusterServices.Cluster(strike, node.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var since = await ClusterServices.Leaving(node, striking);
        await striking;
        var gone = await services.ConsumersBack(before, names[node], since, NodePatience);
        if (since.Elapsed < NodeOutage)
            await Task.Delay(NodeOutage - since.Elapsed);
        return async () =>
        {
            await ClusterServices.Cluster(restore, node.ToString(System.Globalization.CultureInfo.InvariantCulture));
            services.AskAnyBut(null);
            services.LastLoss = new NodeLoss(why, gone, services.ReplicasBack(Stopwatch.StartNew(), NodePatience));
        };
    };

    /// <summary>What a fault needs in place before its round starts (a process slow to start would otherwise meet no case).</summary>
    public static readonly IReadOnlyDictionary<string, Func<DistributedServices, Task>> Preparations = new Dictionary<string, Func<DistributedServices, Task>>
    {
        ["verification's outbox publisher killed (kill -9), two instances"] = async services =>
        {
            if (services.Instances("Verification") < 2)
                await services.Start("Verification").WaitServing();
        },
    };

    private static Fault KillService(string service) => async services =>
    {
        await services.Main(service).Stop();
        return () => services.Restart(service);
    };

    private static async Task KillBroker()
    {
        var pid = await File.ReadAllTextAsync(Path.Combine(DistributedServices.BrokerDirectory, "rabbitmq.pid"));
        using var beam = Process.GetProcessById(int.Parse(pid.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        beam.Kill();
        await beam.WaitForExitAsync();
    }

    private static Task Script(string script, string argument) => DistributedServices.Run(Path.Combine(Repository.Root, "scripts", script), argument);
}
