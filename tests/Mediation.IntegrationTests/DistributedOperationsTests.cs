using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.IntegrationTests;

/// <summary>The operations service as its own process, on RabbitMQ and PostgreSQL.</summary>
[Collection(DistributedCollection.Name)]
public class DistributedOperationsTests(DistributedServices services)
{
    [Fact]
    public async Task Queue_figures_come_from_the_brokers_management_api()
    {
        using var dashboard = services.Dashboard();
        string[] work = ["requests-case-events", "verification-case-located", "handover-case-verified", "operations-case-events", "operations-faults"];
        static Dictionary<string, JsonElement> ByName(JsonElement o) =>
            o.GetProperty("queues").GetProperty("items").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        // Sampled every 2 s: wait for a sample taken after every service's consumers connected, and after
        // the last queue another test made (an _error queue, say) appeared.
        var (overview, broker) = await Requests.Eventually(
            async () => (await dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"), (await services.Queues()).Keys.Where(k => !k.Contains("_bus_")).Order().ToList()),
            s => work.All(n => ByName(s.Item1).TryGetValue(n, out var q) && q.GetProperty("consumers").GetInt32() >= 1)
                && s.Item2.SequenceEqual(ByName(s.Item1).Keys.Order()));
        Assert.Equal("RabbitMQ management API", overview.GetProperty("queues").GetProperty("origin").GetString());
        Assert.DoesNotContain(overview.GetProperty("queues").GetProperty("alarms").EnumerateArray(),
            a => work.Contains(a.GetProperty("queue").GetString()));
        Assert.Equal(broker, ByName(overview).Keys.Order());
    }
}
