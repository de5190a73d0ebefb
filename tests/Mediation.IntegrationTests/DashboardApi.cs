using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mediation.IntegrationTests;

/// <summary>The operations dashboard's JSON API, as its page uses it.</summary>
public static class DashboardApi
{
    public static HttpClient Client(Uri web, string user = "operator-1", string password = "demo-operator-password")
    {
        var http = new HttpClient { BaseAddress = web };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    /// <summary>An operator's action (retry, discard), with the header the page sends.</summary>
    public static Task<HttpResponseMessage> Act(HttpClient web, string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("X-Operator-Action", "1");
        return web.SendAsync(request);
    }

    /// <summary>Every open fault of an overview, across its groups.</summary>
    public static IEnumerable<JsonElement> OpenFaults(JsonElement overview) =>
        overview.GetProperty("faults").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("faults").EnumerateArray());
}
