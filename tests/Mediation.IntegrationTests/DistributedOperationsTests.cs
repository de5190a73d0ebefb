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

    [Fact]
    public async Task The_reports_view_shows_the_requests_processs_report_to_an_observer_and_refuses_it_the_rest()
    {
        using var observer = DashboardApi.Client(services.OperationsWeb, "observer-1", "demo-observer-password");
        // The page says 503 "Retrying…" while the requests process is out of reach (another test of this rig may
        // have just restarted it): wait for it to answer.
        var (ok, shown) = await Requests.Eventually(async () =>
        {
            using var answer = await observer.GetAsync("/reports/api/cases");
            return (answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }, a => a.Item1);
        Assert.True(ok, shown);
        var asked = (await new Mediation.Api.Reports.V1.ReportsService.ReportsServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress(services.Addresses.Requests))
            .GetCaseReportAsync(new(), services.Keys.Client(services.Addresses, "observer", "officer-o").Headers)).Report;
        var page = Mediation.Api.Reports.V1.CaseReport.Parser.ParseJson(shown);
        // The same report the observer's API key gets from the requests process, worked out a moment apart.
        page.ComputeTime = asked.ComputeTime;
        Assert.Equal(asked, page);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await observer.GetAsync("/operations/api/overview")).StatusCode);
    }
}
