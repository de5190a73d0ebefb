using Grpc.Net.Client;
using Mediation.Host;
using Mediation.Client;
using Mediation.Host.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// The embedded host as a partner meets it: real Kestrel on a loopback port, HTTP/2, its own SQLite
/// files in a fresh folder, the in-memory bus; and as an operator meets it: the HTTP/1.1 endpoint with
/// the dashboard, /metrics and /health/*. One per test collection.
/// </summary>
public class EmbeddedHost : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mediation-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public Uri Address { get; private set; } = null!;
    public Uri WebAddress { get; } = new($"http://127.0.0.1:{Ports.Free()}");
    public DemoParties Keys { get; } = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));

    /// <summary>The host's services, for a test that sets the scene in a service's own database.</summary>
    public IServiceProvider Services => _app!.Services;

    public virtual async Task InitializeAsync()
    {
        _app = Build("http://127.0.0.1:0");
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>
    /// Stops the host without waiting for the calls in progress (open streams and connections break, as when its
    /// process is replaced) and starts it again on the same data and the same addresses, so that a partner's client
    /// finds it where it was.
    /// </summary>
    public async Task Restart()
    {
        // A stream would hold a graceful stop for its whole timeout: a stop that may not wait ends it at once.
        await _app!.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
        _app = Build(Address.ToString().TrimEnd('/'));
        await _app.StartAsync();
    }

    private WebApplication Build(string url) =>
        MediationHost.Build(["--urls", url, "--Mediation:DataDirectory", DataDirectory,
            "--Mediation:WebUrl", WebAddress.ToString().TrimEnd('/'),
            // The tests call from one address, many of them without credentials on purpose; RateLimitTests sets its own limit.
            "--RateLimits:AnonymousPerSecond", "1000", .. Settings()], Replace);

    /// <summary>Adds or swaps services after every service has added itself (e.g. something that records).</summary>
    protected virtual void Replace(IServiceCollection services)
    {
    }

    /// <summary>More settings, for a host that differs from the default in one respect.</summary>
    protected virtual string[] Settings() => [];

    /// <summary>The dashboard's API as <paramref name="user"/> (default: the demo operator).</summary>
    public HttpClient Web(string user = "operator-1", string password = "demo-operator-password") => DashboardApi.Client(WebAddress, user, password);

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        // On PostgreSQL no SQLite file was made, nor its folder.
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }

    private readonly Lazy<Task<ReferenceCase.Outcome>> _referenceCase;

    public EmbeddedHost() =>
        _referenceCase = new(() => new ReferenceCase(ServiceAddresses.Embedded(Address), Keys, TextWriter.Null).Play(CancellationToken.None));

    /// <summary>The reference case, played once per host by the parties through the API.</summary>
    public Task<ReferenceCase.Outcome> ReferenceCase => _referenceCase.Value;

    public GrpcChannel Channel() => GrpcChannel.ForAddress(Address);

    /// <summary>A partner system of <paramref name="partyId"/> with its officer.</summary>
    public PartyClient Party(string partyId, string officer = "officer-1") => Keys.Client(ServiceAddresses.Embedded(Address), partyId, officer);
}

[CollectionDefinition(Name)]
public sealed class EmbeddedHostCollection : ICollectionFixture<EmbeddedHost>
{
    public const string Name = "embedded host";
}
