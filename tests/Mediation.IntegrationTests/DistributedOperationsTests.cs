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
        // Sampled every 2 s: wait for a sample taken after every service's consumers connected.
        var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => work.All(n => ByName(o).TryGetValue(n, out var q) && q.GetProperty("consumers").GetInt32() >= 1));
        Assert.Equal("RabbitMQ management API", overview.GetProperty("queues").GetProperty("origin").GetString());
        Assert.DoesNotContain(overview.GetProperty("queues").GetProperty("alarms").EnumerateArray(),
            a => work.Contains(a.GetProperty("queue").GetString()));
        var byName = ByName(overview);
        Assert.Equal((await services.Queues()).Keys.Where(k => !k.Contains("_bus_")).Order(), byName.Keys.Order());
    }
}
