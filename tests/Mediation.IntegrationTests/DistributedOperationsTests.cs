using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

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

    [Fact]
    public async Task A_database_outage_faults_an_event_on_rabbitmq_and_a_retry_from_the_dashboard_applies_it_once()
    {
        var (requester, mediator, holder) = (services.Keys.Client(services.Addresses, "requester-1", "o-r"),
            services.Keys.Client(services.Addresses, "mediator", "o-m"), services.Keys.Client(services.Addresses, "holder-1", "o-h"));
        using var dashboard = services.Dashboard();
        string name;
        JsonElement fault;
        await using (await services.DatabaseOutage("verification"))
        {
            name = await Requests.LocatedCase(requester, mediator, holder, "outage-" + Guid.NewGuid().ToString("N")[..6]);
            var overview = await Requests.Eventually(() => dashboard.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
                o => DashboardApi.OpenFaults(o).Any(f => f.GetProperty("caseId").GetString() == name));
            fault = DashboardApi.OpenFaults(overview).Single(f => f.GetProperty("caseId").GetString() == name);
        }
        Assert.Equal("verification-case-located", fault.GetProperty("queue").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await DashboardApi.Act(dashboard, $"/operations/api/faults/{fault.GetProperty("faultId").GetGuid()}/retry")).StatusCode);

        await Requests.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync);
        await Requests.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = name }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == Mediation.Api.Requests.V1.CaseStage.InVerification);
        await using var db = services.Database("verification");
        await db.OpenAsync();
        var applied = await new NpgsqlCommand(
            $"SELECT COUNT(*) FROM inbox WHERE \"Consumer\" = 'verification-case-located' AND \"MessageId\" = '{fault.GetProperty("messageId").GetGuid()}'", db).ExecuteScalarAsync();
        Assert.Equal(1L, applied);
    }
}
