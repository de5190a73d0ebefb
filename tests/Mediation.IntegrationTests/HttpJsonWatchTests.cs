using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Mediation.IntegrationTests;

/// <summary>WatchCaseEvents over HTTP/JSON: one JSON object per event as it is recorded, resumable from its cursor.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class HttpJsonWatchTests(EmbeddedHost host)
{
    [Fact]
    public async Task Events_stream_as_json_as_they_are_recorded_and_a_watch_resumes_after_its_cursor()
    {
        var requester = new JsonParty(host.WebAddress, host.Keys.KeyOf("requester-1"));
        var mediator = new JsonParty(host.WebAddress, host.Keys.KeyOf("mediator"));
        var caseName = (string)(await requester.Post("/v1/requests",
            HttpJsonCaseTests.Submission(requester.RequestId("submit"), "Watch-" + Guid.NewGuid().ToString("N")[..6]))).Ok()["cases"]![0]!["name"]!;

        // From the start: the stream reaches this case's submission, then stays open for what comes next.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = host.WebAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var watch = await Open(http, "", timeout.Token);
        var submitted = await Next(watch, e => (string?)e["case"] == caseName, timeout.Token);
        Assert.Equal("CaseSubmitted", (string?)submitted["event"]!["type"]);
        Assert.Equal("requests", (string?)submitted["event"]!["service"]);
        (await mediator.Post($"/v1/{caseName}:accept", new() { ["requestId"] = mediator.RequestId("accept") })).Ok();
        var accepted = await Next(watch, e => (string?)e["case"] == caseName, timeout.Token);
        Assert.Equal(("CaseAccepted", "CASE_STAGE_ACCEPTED"), ((string?)accepted["event"]!["type"], (string?)accepted["event"]!["stage"]));

        // Resumed from the submission's cursor: the acceptance comes next, the submission is not repeated.
        using var resumed = await Open(http, (string)submitted["cursor"]!, timeout.Token);
        var first = await Next(resumed, e => (string?)e["case"] == caseName, timeout.Token);
        Assert.Equal("CaseAccepted", (string?)first["event"]!["type"]);
        Assert.Equal((string?)accepted["cursor"], (string?)first["cursor"]);
    }

    [Fact]
    public async Task A_watch_without_credentials_is_401()
    {
        var answer = await new JsonParty(host.WebAddress, "").Send(HttpMethod.Get, "/v1/events:watch", null, withKey: false);
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, 16), (answer.Status, answer.Code));
    }

    private async Task<StreamReader> Open(HttpClient http, string cursor, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events:watch?cursor=" + Uri.EscapeDataString(cursor));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Keys.KeyOf("requester-1"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
    }

    /// <summary>The next event the predicate picks; the stream is one JSON object per line.</summary>
    private static async Task<JsonNode> Next(StreamReader stream, Func<JsonNode, bool> wanted, CancellationToken cancel)
    {
        while (await stream.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length > 0 && JsonNode.Parse(line) is { } e && wanted(e))
                return e;
        }
        throw new Xunit.Sdk.XunitException("the stream ended");
    }
}
