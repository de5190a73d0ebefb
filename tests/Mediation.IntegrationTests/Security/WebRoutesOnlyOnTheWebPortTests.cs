using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Mediation.IntegrationTests.Security;

/// <summary>
/// Finding 10: the dashboard, /metrics and /health/* were served on the partners' gRPC port too (a partner reaching
/// it reached the dashboard's sign-in), and /metrics — every stage's counts — needed no credentials. Now the gRPC
/// port answers 404 for every web route, and /metrics asks for an operator's credentials.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class WebRoutesOnlyOnTheWebPortTests(EmbeddedHost host)
{
    public static TheoryData<string> WebRoutes() => ["/operations/", "/operations/api/overview", "/metrics", "/health/ready", "/health/live", "/"];

    [Theory]
    [MemberData(nameof(WebRoutes))]
    public async Task The_partners_grpc_port_does_not_serve_web_routes(string path)
    {
        // As a partner's HTTP/2 client reaches the gRPC port, with an operator's credentials even.
        using var grpcPort = new HttpClient
        {
            BaseAddress = host.Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        grpcPort.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator-1:demo-operator-password")));
        using var answer = await grpcPort.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Metrics_need_an_operators_credentials()
    {
        using var anonymous = new HttpClient { BaseAddress = host.WebAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var party = host.Web("observer", host.Keys.KeyOf("observer"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await party.GetAsync("/metrics")).StatusCode);
        using var operatorClient = host.Web();
        var metrics = await operatorClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_stays_open_on_the_web_port_for_probes()
    {
        using var anonymous = new HttpClient { BaseAddress = host.WebAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
