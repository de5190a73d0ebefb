using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mediation.BuildingBlocks.Bus;
using Microsoft.Extensions.Configuration;

namespace Mediation.Operations.Queues;

/// <summary>
/// The queues of the bus's virtual host, from RabbitMQ's management HTTP API (the bus's user):
/// <c>Operations:RabbitMqManagementUrl</c>, one URL or, for a cluster, several separated by commas, tried in turn
/// so the queue view survives the loss of a node (any node's API reports every queue of the cluster). By default
/// <c>http://{host}:15672</c> for each host in <c>Bus:Host</c>.
/// </summary>
public sealed class RabbitMqQueues : IQueueSource
{
    public const string Key = "Operations:RabbitMqManagementUrl";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _urls;
    // The node that answered last is asked first next time, rather than waiting on a lost one at every read.
    private int _answered;

    public RabbitMqQueues(HttpClient http, IConfiguration configuration)
    {
        var bus = configuration.GetSection("Bus");
        var path = "api/queues/" + Uri.EscapeDataString(bus["VirtualHost"] ?? "/");
        _urls = Urls(configuration).Select(u => new Uri(new Uri(u.TrimEnd('/') + "/"), path)).ToList();
        http.Timeout = TimeSpan.FromSeconds(5);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{bus["Username"] ?? "guest"}:{bus["Password"] ?? "guest"}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        _http = http;
    }

    /// <summary>The management API's base URLs, in the order they are tried.</summary>
    public static IReadOnlyList<string> Urls(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } urls
            ? urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : BrokerNodes.From(configuration).All.Select(n => $"http://{(n.Host.Contains(':') ? $"[{n.Host}]" : n.Host)}:15672").Distinct().ToList();

    public string Origin => "RabbitMQ management API";

    public async Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct)
    {
        using var json = await Queues(ct);
        var readings = new List<QueueReading>();
        foreach (var q in json.RootElement.EnumerateArray())
        {
            // Each bus instance's own temporary queue (…_bus_…) comes and goes with its process; not a work queue.
            if (q.GetProperty("name").GetString()!.Contains("_bus_", StringComparison.Ordinal))
                continue;
            var stats = q.TryGetProperty("message_stats", out var s) ? s : default;
            readings.Add(new QueueReading(
                q.GetProperty("name").GetString()!,
                Long(q, "messages_ready"),
                Long(q, "messages_unacknowledged"),
                (int)Long(q, "consumers"),
                Rate(stats, "publish_details"),
                Rate(stats, "deliver_get_details")));
        }
        return readings;
    }

    private async Task<JsonDocument> Queues(CancellationToken ct)
    {
        var first = _answered;
        for (var i = 0; ; i++)
        {
            var at = (first + i) % _urls.Count;
            try
            {
                await using var stream = await _http.GetStreamAsync(_urls[at], ct);
                var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                _answered = at;
                return json;
            }
            catch (Exception e) when (i < _urls.Count - 1 && !ct.IsCancellationRequested
                                      && e is HttpRequestException or TaskCanceledException)
            {
                // This node is gone, paused or refusing: the next one has the same figures.
            }
        }
    }

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static double Rate(JsonElement stats, string name) =>
        stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty(name, out var d) && d.TryGetProperty("rate", out var r) ? r.GetDouble() : 0;
}
