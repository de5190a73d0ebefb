using System.Net.Http.Headers;
using System.Text;

namespace Mediation.Bench;

/// <summary>The benchmark's own RabbitMQ virtual hosts, made afresh through the management API.</summary>
public sealed class VirtualHosts(Uri management, string user, string password)
{
    public async Task Recreate(string vhost)
    {
        if (!vhost.StartsWith(BenchNamespace.Name, StringComparison.Ordinal))
            throw new ArgumentException($"the benchmark only manages virtual hosts named {BenchNamespace.Name}*, not '{vhost}'");
        using var http = Client();
        var name = Uri.EscapeDataString(vhost);
        var deleted = await http.DeleteAsync($"api/vhosts/{name}");
        if (!deleted.IsSuccessStatusCode && deleted.StatusCode != System.Net.HttpStatusCode.NotFound)
            deleted.EnsureSuccessStatusCode();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var all = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}", all)).EnsureSuccessStatusCode();
    }

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }
}
