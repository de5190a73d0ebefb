using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mediation.IntegrationTests;

/// <summary>
/// A partner system that speaks only HTTP/JSON: a plain <see cref="HttpClient"/>, its party's API key, the officer it
/// names on mutating calls, and the paths of the protos' HTTP rules. Every answer is the status and the JSON body.
/// </summary>
public sealed class JsonParty(Uri address, string apiKey, string? officer = "officer-1", Version? version = null)
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    private int _requests;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>A request id of its own for each mutating call.</summary>
    public string RequestId(string what) => $"http-{_run}-{Interlocked.Increment(ref _requests)}-{what}";

    public Task<Answer> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<Answer> Post(string path, JsonObject body) => Send(HttpMethod.Post, path, body);

    public async Task<Answer> Send(HttpMethod method, string path, JsonObject? body, bool withKey = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (version is not null)
        {
            request.Version = version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        if (withKey)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            if (officer is not null)
                request.Headers.Add("x-officer", officer);
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Version, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    /// <summary>Retries a read while it is 404, for what another service learns from the bus (a checklist, a custody chain).</summary>
    public async Task<JsonNode> GetOnceFound(string path, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var answer = await Get(path);
            if (answer.Status != HttpStatusCode.NotFound || DateTime.UtcNow >= until)
                return answer.Ok();
            await Task.Delay(100);
        }
    }

    /// <summary>Reads the case until it reaches <paramref name="stage"/>: stages that other services decide follow by the bus.</summary>
    public async Task<JsonNode> CaseOnceAt(string caseName, string stage, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var seen = (await Get("/v1/" + caseName)).Ok()["case"]!;
            if ((string?)seen["stage"] == stage || DateTime.UtcNow >= until)
                return seen;
            await Task.Delay(100);
        }
    }

    public sealed record Answer(HttpStatusCode Status, Version Version, JsonNode? Body, HttpResponseHeaders Headers)
    {
        public JsonNode Ok() => Status == HttpStatusCode.OK
            ? Body!
            : throw new Xunit.Sdk.XunitException($"expected 200 OK, got {(int)Status}: {Body?.ToJsonString()}");

        /// <summary>The <c>google.rpc.Status</c> code of a refusal's body.</summary>
        public int Code => (int)Body!["code"]!;

        public JsonArray Details => Body!["details"]!.AsArray();

        public JsonNode Detail(string type) =>
            Details.FirstOrDefault(d => (string?)d!["@type"] == "type.googleapis.com/" + type)
            ?? throw new Xunit.Sdk.XunitException($"no {type} among the details: {Body!.ToJsonString()}");
    }
}
