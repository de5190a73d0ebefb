using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Mediation.IntegrationTests;

namespace Mediation.FaultTests;

/// <summary>
/// The distributed mode on a three-node RabbitMQ cluster (scripts/cluster.sh brokers): every process is given all
/// three nodes in <c>Bus:Host</c>, and requests, verification and handover run two instances each, as
/// scripts/cluster.sh up runs them. The deployment's redelivery schedule, as the single-node fault rounds have it.
/// Reads from the management API which node a loss should hit, how long the consumers were gone, and whether
/// every quorum queue has its three members again.
/// </summary>
public sealed class ClusterServices : DistributedServices
{
    /// <summary>The same settings scripts/cluster.sh reads: node N's ports are the first node's plus N - 1.</summary>
    private static readonly int FirstPort = int.Parse(Setting("RABBITMQ_CLUSTER_PORT", "5673"), CultureInfo.InvariantCulture);
    private static readonly int FirstManagementPort = int.Parse(Setting("RABBITMQ_CLUSTER_MANAGEMENT_PORT", "15673"), CultureInfo.InvariantCulture);
    public const int Nodes = 3;

    private static string Setting(string name, string otherwise) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : otherwise;

    protected override string Redelivery => "10s,1m,5m,30m,2h";

    protected override string BusHost => string.Join(',', Enumerable.Range(0, Nodes).Select(i => $"127.0.0.1:{FirstPort + i}"));

    protected override IReadOnlyList<Uri> ManagementApis { get; } =
        [.. Enumerable.Range(0, Nodes).Select(i => new Uri($"http://127.0.0.1:{FirstManagementPort + i}/api/"))];

    /// <summary>Operations reads the queue figures from whichever node answers (RabbitMqQueues tries them in turn).</summary>
    protected override string ManagementUrl => string.Join(',', ManagementApis.Select(u => u.GetLeftPart(UriPartial.Authority)));

    protected override Task StartBroker() => Cluster("brokers");

    /// <summary>The node-loss scenarios' last loss: which node, how long the consumers were gone, the replicas after.</summary>
    public NodeLoss? LastLoss { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The second instance of each service that moves cases: both read the same queues, one database.
        var second = new[] { "Requests", "Verification", "Handover" }.Select(s => Start(s)).ToList();
        await Task.WhenAll(second.Select(p => p.WaitServing()));
    }

    /// <summary>scripts/cluster.sh with this run's ports.</summary>
    public static Task<string> Cluster(params string[] arguments) => Run(Path.Combine(Repository.Root, "scripts", "cluster.sh"), arguments);

    /// <summary>
    /// The node whose loss matters most: the one leading most of this run's quorum queues, then the one holding
    /// most of its processes' connections (or the other way round, <paramref name="connectionsFirst"/>); with what
    /// made it so, for the results.
    /// </summary>
    public async Task<(int Node, string Why)> MostLoaded(bool connectionsFirst = false)
    {
        var names = await NodeNames();
        var queues = (await ManagementApi.GetFromJsonAsync<List<QueueReplicas>>($"queues/{Uri.EscapeDataString(VirtualHost)}"))!
            .Where(q => q.type == "quorum").ToList();
        var connections = (await ManagementApi.GetFromJsonAsync<List<Connection>>("connections"))!.Where(c => c.vhost == VirtualHost).ToList();
        var load = Enumerable.Range(1, Nodes).Select(n => (Node: n,
            Leading: queues.Count(q => q.leader == names[n]), Connections: connections.Count(c => c.node == names[n]))).ToList();
        var chosen = connectionsFirst
            ? load.OrderByDescending(l => l.Connections).ThenByDescending(l => l.Leading).First()
            : load.OrderByDescending(l => l.Leading).ThenByDescending(l => l.Connections).First();
        return (chosen.Node, $"node {chosen.Node}: leader of {chosen.Leading} of {queues.Count} quorum queues, {chosen.Connections} of {connections.Count} connections");
    }

    /// <summary>Each node's Erlang name by its number, as each node's own management API says of itself.</summary>
    public async Task<Dictionary<int, string>> NodeNames()
    {
        var names = new Dictionary<int, string>();
        for (var n = 1; n <= Nodes; n++)
        {
            AskAnyBut(null);
            ManagementNodes.Current = n - 1;
            var overview = await ManagementApi.GetFromJsonAsync<Overview>("overview");
            names[n] = overview!.node;
        }
        return names;
    }

    /// <summary>Sends the management calls that follow to the nodes other than <paramref name="lost"/> only (any node again with null).</summary>
    public void AskAnyBut(int? lost)
    {
        ManagementNodes.Excluded = lost - 1;
        ManagementNodes.Current = (lost ?? 0) % Nodes;
    }

    /// <summary>
    /// A clock started when node <paramref name="node"/> goes: when its own management API stops answering (the first
    /// thing an orderly stop ends, seconds before it closes its clients' connections) or when
    /// <paramref name="striking"/> has done its work (a kill, a partition's rules), whichever comes first. Not when
    /// the command starts: rabbitmqctl's own start, before it asks the node to stop, took a minute on a busy machine.
    /// </summary>
    public static async Task<Stopwatch> Leaving(int node, Task striking)
    {
        using var own = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var overview = new Uri($"http://127.0.0.1:{FirstManagementPort + node - 1}/api/overview");
        while (!striking.IsCompleted)
        {
            try
            {
                // Any answer, even a refusal to an anonymous caller, is the node's management listener still up.
                using var _ = await own.GetAsync(overview);
            }
            catch (HttpRequestException)
            {
                break;
            }
            catch (TaskCanceledException)
            {
                // A node too busy to answer in 30 s: asked again.
            }
            await Task.WhenAny(striking, Task.Delay(100));
        }
        return Stopwatch.StartNew();
    }

    /// <summary>How many consumers each of this run's queues has, on any node but <paramref name="except"/>.</summary>
    public async Task<Dictionary<string, int>> Consumers(string? except = null)
    {
        var consumers = (await ManagementApi.GetFromJsonAsync<List<Consumer>>($"consumers/{Uri.EscapeDataString(VirtualHost)}"))!;
        return consumers.Where(c => Node(c.channel_details) != except).GroupBy(c => c.queue.name).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>
    /// How long from <paramref name="since"/> until every queue has as many consumers as <paramref name="before"/>
    /// on nodes other than the lost one; null if not within <paramref name="patience"/>.
    /// </summary>
    public async Task<TimeSpan?> ConsumersBack(Dictionary<string, int> before, string lost, Stopwatch since, TimeSpan patience)
    {
        while (since.Elapsed < patience)
        {
            try
            {
                var now = await Consumers(except: lost);
                if (before.All(q => now.GetValueOrDefault(q.Key) >= q.Value))
                    return since.Elapsed;
            }
            catch (HttpRequestException)
            {
                // No node answering this moment (the survivors electing leaders, say).
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        return null;
    }

    /// <summary>
    /// How long from <paramref name="since"/> until every quorum queue of this run has all three members online
    /// again (the lost node's replicas caught up), and how many have all three members at all by then.
    /// </summary>
    public async Task<string> ReplicasBack(Stopwatch since, TimeSpan patience)
    {
        List<QueueReplicas> quorum = [];
        while (since.Elapsed < patience)
        {
            try
            {
                quorum = (await ManagementApi.GetFromJsonAsync<List<QueueReplicas>>($"queues/{Uri.EscapeDataString(VirtualHost)}"))!
                    .Where(q => q.type == "quorum").ToList();
                if (quorum.All(q => q.members?.Count == Nodes && q.online?.Count == Nodes))
                    return $"all {quorum.Count} quorum queues with {Nodes} members online {since.Elapsed.TotalSeconds:0.0} s after";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        return $"{quorum.Count(q => q.members?.Count == Nodes)} of {quorum.Count} quorum queues with {Nodes} members, "
            + $"{quorum.Count(q => q.online?.Count == Nodes)} with all online, {patience.TotalSeconds:0} s after";
    }

    private sealed record Overview(string node);
    private sealed record QueueReplicas(string name, string? type, string? leader, List<string>? members, List<string>? online);
    private sealed record Connection(string vhost, string node);
    /// <summary>The node of a consumer's channel; RabbitMQ writes an empty list, not an object, while it does not know the channel.</summary>
    private static string? Node(System.Text.Json.JsonElement channel) =>
        channel.ValueKind == System.Text.Json.JsonValueKind.Object && channel.TryGetProperty("node", out var node) ? node.GetString() : null;

    private sealed record Consumer(QueueName queue, System.Text.Json.JsonElement channel_details);
    private sealed record QueueName(string name);
}

/// <summary>
/// A broker node's loss as it went: which node and why, how long the consumers were gone (from the loss until every
/// queue had its consumers again on the surviving nodes), and the quorum queues' members once it was back.
/// </summary>
public sealed record NodeLoss(string Node, TimeSpan? ConsumersGone, Task<string> Replicas);
