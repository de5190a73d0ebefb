using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Demo;

namespace Mediation.IntegrationTests;

/// <summary>The operators' dashboard and the HTTP/1.1 endpoint, as an operator and as everyone else meets them.</summary>
[Collection(EmbeddedHostCollection.Name)]
public class DashboardTests(EmbeddedHost host)
{
    [Fact]
    public async Task Only_operators_may_open_the_dashboard()
    {
        using var anonymous = new HttpClient { BaseAddress = host.WebAddress };
        var challenge = await anonymous.GetAsync("/operations/");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.StartsWith("Basic", challenge.Headers.WwwAuthenticate.Single().Scheme);

        using (var wrong = host.Web("operator-1", "not-the-password"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/operations/api/overview")).StatusCode);
        // A party's API key is no dashboard password, the mediator's included (Security.OperatorSignInTests).
        foreach (var (party, key) in new[] { ("holder-1", "demo-holder-1-key"), ("observer", "demo-observer-key"), ("mediator", "demo-mediator-key") })
        {
            using var other = host.Web(party, key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/operations/api/overview")).StatusCode);
        }

        using var operatorClient = host.Web();
        var page = await operatorClient.GetAsync("/operations/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Mediation — operations", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_overview_counts_the_reference_case_and_shows_its_batch_child_by_child_without_personal_data()
    {
        var outcome = await host.ReferenceCase;
        using var web = host.Web();
        var overview = await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => Batch(o, outcome.Batch) is { } b && b.GetProperty("children").EnumerateArray().All(c => c.GetProperty("stage").GetString() == "CLOSED"));

        var closed = overview.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "CLOSED");
        Assert.True(closed.GetProperty("count").GetInt32() >= outcome.Cases.Count);
        var children = Batch(overview, outcome.Batch)!.Value.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(outcome.Cases.Order(StringComparer.Ordinal), children.Select(c => c.GetProperty("caseId").GetString()!));
        Assert.All(children, c =>
        {
            Assert.Equal("claimant", c.GetProperty("custodian").GetString());
            Assert.InRange(c.GetProperty("ageYears").GetInt32(), 2, 16);
            Assert.True(c.GetProperty("legsDone").GetInt32() >= 1);
        });
        var requesting = overview.GetProperty("byRequesting").EnumerateArray().Single(p => p.GetProperty("party").GetString() == "requester-1");
        Assert.True(requesting.GetProperty("total").GetInt32() >= outcome.Cases.Count);

        var json = overview.GetRawText() + await web.GetStringAsync("/operations/") + await web.GetStringAsync("/operations/dashboard.js");
        var personal = ReferenceChildren.PersonalDetails(ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.NotEmpty(personal);
        Assert.DoesNotContain(personal, json.Contains);
    }

    [Fact]
    public async Task Queues_are_counted_in_process_on_the_in_memory_bus()
    {
        await host.ReferenceCase;
        using var web = host.Web();
        var overview = await Requests.Eventually(() => web.GetFromJsonAsync<JsonElement>("/operations/api/overview"),
            o => Queue(o, "verification-case-located") is { } q && q.GetProperty("consumers").GetInt32() == 1);
        Assert.Equal("in-process counters", overview.GetProperty("queues").GetProperty("origin").GetString());
        var queue = Queue(overview, "requests-case-events")!.Value;
        Assert.Equal(1, queue.GetProperty("consumers").GetInt32());
        Assert.True(queue.GetProperty("ready").GetInt64() >= 0);
        Assert.DoesNotContain(overview.GetProperty("queues").GetProperty("alarms").EnumerateArray(), a => a.GetProperty("kind").GetString() == "NO_CONSUMER");
    }

    [Fact]
    public async Task Liveness_readiness_and_metrics_are_served_over_http1()
    {
        await host.ReferenceCase;
        using var http = new HttpClient { BaseAddress = host.WebAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());

        // Gauges are sampled every 2 s (cases per stage) and 5 s (outbox backlog): wait for the first samples.
        using var scraper = host.Web();
        var metrics = await Requests.Eventually(() => scraper.GetStringAsync("/metrics"),
            m => m.Contains("mediation_cases{") && m.Contains("mediation_outbox_backlog{"));
        Assert.Contains("mediation_case_transitions_total{", metrics);
        Assert.Contains("event=\"CaseClosed\"", metrics);
        Assert.Contains("stage=\"CLOSED\"", metrics);
        Assert.Contains("mediation_queue_ready{", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        Assert.Contains("SubmitRequest", metrics);
        var personal = ReferenceChildren.PersonalDetails(ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.DoesNotContain(personal, metrics.Contains);
    }

    private static JsonElement? Batch(JsonElement overview, string batch) =>
        overview.GetProperty("batches").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(b => b!.Value.GetProperty("batchId").GetString() == batch);

    private static JsonElement? Queue(JsonElement overview, string name) =>
        overview.GetProperty("queues").GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(q => q!.Value.GetProperty("name").GetString() == name);
}
