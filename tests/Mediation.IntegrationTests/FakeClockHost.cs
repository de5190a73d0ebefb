using Mediation.Host;
using Mediation.Client;
using Mediation.Host.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mediation.IntegrationTests;

/// <summary>An embedded host of its own whose clock the test moves (deadlines, "a week later").</summary>
public sealed class FakeClockHost : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mediation-clock-" + Guid.NewGuid().ToString("N")[..8]);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public WebApplication App { get; private set; } = null!;
    public ServiceAddresses At { get; private set; } = null!;
    /// <summary>The dashboard's address (HTTP/1.1).</summary>
    public Uri WebAddress { get; } = new($"http://127.0.0.1:{Ports.Free()}");
    public DemoParties Keys { get; } = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));

    public async Task InitializeAsync()
    {
        App = MediationHost.Build(["--urls", "http://127.0.0.1:0", "--Mediation:DataDirectory", _data, "--Mediation:WebUrl", WebAddress.ToString().TrimEnd('/')], services => services.AddSingleton<TimeProvider>(Clock));
        await App.StartAsync();
        At = ServiceAddresses.Embedded(new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    public PartyClient Party(string id) => Keys.Client(At, id, "officer-" + id);
}
