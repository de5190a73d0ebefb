using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.IntegrationTests;

/// <summary>
/// Three RabbitMQ nodes joined into one cluster on loopback, as scripts/cluster.sh brokers starts them (ports
/// RABBITMQ_CLUSTER_PORT, +1, +2; management RABBITMQ_CLUSTER_MANAGEMENT_PORT, +1, +2), and a virtual host of
/// this run's own on it, removed afterwards. The nodes stay running for the next run, as the single node does.
/// </summary>
public sealed class BrokerCluster : IAsyncLifetime
{
    public static readonly int FirstPort = int.Parse(Setting("RABBITMQ_CLUSTER_PORT", "5673"));
    public static readonly int FirstManagementPort = int.Parse(Setting("RABBITMQ_CLUSTER_MANAGEMENT_PORT", "15673"));
    public const int Size = 3;

    private static string Setting(string name, string otherwise) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : otherwise;

    private static readonly string Script = Path.Combine(Repository.Root, "scripts", "cluster.sh");

    public string VirtualHost { get; } = "mediation-cluster-test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Bus:Host for the three nodes, as cluster.sh prints it.</summary>
    public string Nodes { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await DistributedServices.Run(Script, "brokers");
        Nodes = (await DistributedServices.Run(Script, "nodes")).Trim();
        using var management = await Management();
        (await management.PutAsync($"vhosts/{VirtualHost}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"permissions/{VirtualHost}/guest", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        using var management = await Management();
        await management.DeleteAsync($"vhosts/{VirtualHost}");
    }

    public Task Stop(int node) => DistributedServices.Run(Script, "stop", node.ToString());

    public Task Start(int node) => DistributedServices.Run(Script, "start", node.ToString());

    /// <summary>Node N's number from its Erlang name (mediation-PORT@localhost).</summary>
    public static int NodeNumber(string erlangName) =>
        int.Parse(erlangName["mediation-".Length..erlangName.IndexOf('@')]) - FirstPort + 1;

    /// <summary>The management API of the first node that serves it (any node reports the whole cluster).</summary>
    public static async Task<HttpClient> Management()
    {
        for (var node = 1; ; node++)
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FirstManagementPort + node - 1}/api/"), Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
            try
            {
                (await client.GetAsync("overview")).EnsureSuccessStatusCode();
                return client;
            }
            catch (Exception e) when (node < Size && e is HttpRequestException or TaskCanceledException)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The management API's view of one object of this run's virtual host (api/queues/…, api/connections, …).</summary>
    public static async Task<JsonElement> Get(string path)
    {
        using var management = await Management();
        return await management.GetFromJsonAsync<JsonElement>(path);
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerClusterCollection : ICollectionFixture<BrokerCluster>
{
    public const string Name = "a three-node RabbitMQ cluster";
}
