using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Mediation.Host.Demo;

namespace Mediation.IntegrationTests;

/// <summary>
/// Requests, verification and handover as three separate processes on a real RabbitMQ broker (started
/// by scripts/rabbitmq.sh), each with its own database, in a virtual host of their own that is removed
/// afterwards. This is the same service code the embedded host runs, on the distributed transport.
/// </summary>
public sealed class DistributedServices : IAsyncLifetime
{
    private const string BrokerPort = "5672";
    private static readonly Uri Management = new("http://127.0.0.1:15672/api/");
    private readonly List<(string Name, Process Process, StringBuilder Output)> _processes = [];
    private readonly HttpClient _management = new() { BaseAddress = Management };

    public string VirtualHost { get; } = "mediation-test-" + Guid.NewGuid().ToString("N")[..8];
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "mediation-distributed-" + Guid.NewGuid().ToString("N")[..8]);
    public ServiceAddresses Addresses { get; private set; } = null!;
    public DemoParties Keys { get; } = DemoParties.Load(Path.Combine(AppContext.BaseDirectory, "parties.demo.json"));

    public async Task InitializeAsync()
    {
        await Run(Path.Combine(RepositoryRoot(), "scripts", "rabbitmq.sh"), "start");
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        (await _management.PutAsync($"vhosts/{VirtualHost}", null)).EnsureSuccessStatusCode();
        (await _management.PutAsJsonAsync($"permissions/{VirtualHost}/guest", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        var requests = Start("Requests");
        var verification = Start("Verification");
        var handover = Start("Handover");
        Addresses = new ServiceAddresses(requests, verification, handover);
        await Task.WhenAll(WaitServing(requests, "mediation.requests.v1.RequestsService"),
            WaitServing(verification, "mediation.verification.v1.VerificationService"),
            WaitServing(handover, "mediation.handover.v1.HandoverService"));
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await _management.DeleteAsync($"vhosts/{VirtualHost}");
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The broker's queues in this virtual host, with their consumer counts.</summary>
    public async Task<IReadOnlyDictionary<string, int>> Queues()
    {
        var queues = await _management.GetFromJsonAsync<List<QueueInfo>>($"queues/{Uri.EscapeDataString(VirtualHost)}");
        return queues!.ToDictionary(q => q.name, q => q.consumers);
    }

    /// <summary>What the service processes wrote, for a failing test's message.</summary>
    public string Output() => string.Join("\n", _processes.Select(p => $"--- {p.Name}\n{p.Output}"));

    private sealed record QueueInfo(string name, int consumers);

    private Uri Start(string service)
    {
        var port = FreePort();
        var data = Path.Combine(Directory, service.ToLowerInvariant());
        System.IO.Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, $"Mediation.{service}.dll"),
                     "--urls", $"http://127.0.0.1:{port}",
                     "--Bus:Transport", "RabbitMq", "--Bus:Host", "127.0.0.1", "--Bus:Port", BrokerPort, "--Bus:VirtualHost", VirtualHost,
                     "--Mediation:DataDirectory", data,
                     "--Mediation:PartiesFile", Path.Combine(AppContext.BaseDirectory, "parties.demo.json"),
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((service, process, output));
        return new Uri($"http://127.0.0.1:{port}");
    }

    private async Task WaitServing(Uri address, string service)
    {
        var health = new Health.HealthClient(GrpcChannel.ForAddress(address));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var answer = await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(2));
                if (answer.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    return;
            }
            catch (Grpc.Core.RpcException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{service} did not report SERVING within 60 s.\n{Output()}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mediation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Mediation.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task Run(string file, string argument)
    {
        var process = Process.Start(new ProcessStartInfo(file, argument) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {argument} failed: {output}");
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedCollection : ICollectionFixture<DistributedServices>
{
    public const string Name = "distributed services on RabbitMQ";
}
