using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Mediation.Operations.Queues;

/// <summary>
/// The queues of the bus's virtual host, from RabbitMQ's management HTTP API
/// (<c>Operations:RabbitMqManagementUrl</c>, default <c>http://{Bus:Host}:15672</c>; the bus's user).
/// </summary>
public sealed class RabbitMqQueues : IQueueSource
{
    private readonly HttpClient _http;
    private readonly string _path;

    public RabbitMqQueues(HttpClient http, IConfiguration configuration)
    {
        var bus = configuration.GetSection("Bus");
        var baseUrl = configuration["Operations:RabbitMqManagementUrl"] ?? $"http://{bus["Host"] ?? "localhost"}:15672";
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        http.Timeout = TimeSpan.FromSeconds(5);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{bus["Username"] ?? "guest"}:{bus["Password"] ?? "guest"}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        _http = http;
        _path = "api/queues/" + Uri.EscapeDataString(bus["VirtualHost"] ?? "/");
    }

    public string Origin => "RabbitMQ management API";

    public async Task<IReadOnlyList<QueueReading>> Read(CancellationToken ct)
    {
        await using var stream = await _http.GetStreamAsync(_path, ct);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
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

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static double Rate(JsonElement stats, string name) =>
        stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty(name, out var d) && d.TryGetProperty("rate", out var r) ? r.GetDouble() : 0;
}
