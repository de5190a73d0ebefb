using System.Diagnostics;
using System.Text.RegularExpressions;
using MassTransit;
using Mediation.BuildingBlocks.Hosting;
using Mediation.Handover;
using Mediation.Operations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Mediation.Requests;
using Mediation.Verification;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// No Docker engine runs here, so what can be checked of the compose file is checked: every setting a
/// service reads in the distributed mode is given both by docker-compose.yml and by scripts/up.sh.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class DeploymentSettingsTests(EmbeddedHost host)
{
    private static readonly string[] OwnSections = ["Bus", "Database", "ConnectionStrings", "Mediation", "Peers"];

    public static TheoryData<string> Services() => ["requests", "verification", "handover", "operations"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_setting_a_service_reads_is_given_by_compose_and_by_up_sh(string service)
    {
        var upSh = UpShEnvironment(service);
        var compose = ComposeEnvironment(service);
        var read = SettingsReadBy(service, upSh);

        Assert.Contains("Bus:Host", read);
        Assert.Contains($"ConnectionStrings:{service}", read);
        Assert.Equal(service == "requests", read.Contains("Peers:Handover"));
        Assert.Contains("Mediation:WebUrl", read);
        Assert.Equal(service == "operations", upSh.ContainsKey("Operations:RabbitMqManagementUrl"));
        foreach (var key in read.Where(k => OwnSections.Contains(k.Split(':')[0])))
        {
            Assert.True(upSh.ContainsKey(key), $"scripts/up.sh does not give {service} the setting {key}");
            Assert.True(compose.ContainsKey(key), $"docker-compose.yml does not give {service} the setting {key}");
        }
        Assert.Equal(upSh.Keys.Order(), compose.Keys.Order());
    }

    [Fact]
    public async Task The_container_health_probe_reports_serving_and_refusal()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mediation.Requests.dll");
        Assert.Equal(0, await Exit(dll, "--probe", host.Address.ToString(), "mediation.requests.v1.RequestsService"));
        Assert.Equal(1, await Exit(dll, "--probe", "http://127.0.0.1:9", "mediation.requests.v1.RequestsService"));
    }

    /// <summary>Builds the service as its own Program.cs does, with a configuration that records every key read.</summary>
    private static HashSet<string> SettingsReadBy(string service, IReadOnlyDictionary<string, string> values)
    {
        var recorder = new RecordingSource(values);
        var builder = WebApplication.CreateBuilder();
        ((IConfigurationBuilder)builder.Configuration).Add(recorder);
        builder.AddMediationPlatform();
        _ = service switch
        {
            "requests" => builder.AddRequests(),
            "verification" => builder.AddVerification(),
            "handover" => builder.AddHandover(),
            _ => builder.AddOperations(),
        };
        builder.AddMediationBus(defaultTransport: "RabbitMq");
        using var app = builder.Build();
        _ = app.Services.GetRequiredService<IBusControl>(); // configures the transport from its settings
        _ = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value; // and the endpoints from theirs
        return recorder.Read;
    }

    private static Dictionary<string, string> UpShEnvironment(string service)
    {
        var process = Process.Start(new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "up.sh"), ["--demo", "--print-env", service]) { RedirectStandardOutput = true })!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return lines.Select(l => l.Split('=', 2)).ToDictionary(p => Setting(p[0]), p => p[1]);
    }

    private static Dictionary<string, string> ComposeEnvironment(string service)
    {
        var compose = File.ReadAllLines(Path.Combine(Repository.Root, "docker-compose.yml"));
        var start = Array.IndexOf(compose, $"  {service}:");
        Assert.True(start >= 0, $"docker-compose.yml has no service {service}");
        var environment = Array.FindIndex(compose, start, l => l == "    environment:");
        var settings = new Dictionary<string, string>();
        for (var i = environment + 1; i < compose.Length && compose[i].StartsWith("      ", StringComparison.Ordinal); i++)
        {
            var match = ComposeSetting().Match(compose[i]);
            Assert.True(match.Success, $"unexpected line in {service}'s environment: {compose[i]}");
            settings[Setting(match.Groups[1].Value)] = match.Groups[2].Value;
        }
        return settings;
    }

    // ASP.NET reads A__B from the environment as the setting A:B.
    private static string Setting(string variable) => variable == "ASPNETCORE_URLS" ? "urls" : variable.Replace("__", ":");

    [GeneratedRegex(@"^\s{6}([A-Za-z_]+):\s*(.*)$")]
    private static partial Regex ComposeSetting();

    private static async Task<int> Exit(string dll, params string[] args)
    {
        var process = Process.Start(new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }


    private sealed class RecordingSource(IReadOnlyDictionary<string, string> values) : IConfigurationSource
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyDictionary<string, string> Values { get; } = values;

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

        private sealed class Provider(RecordingSource source) : ConfigurationProvider
        {
            public override bool TryGet(string key, out string? value)
            {
                lock (source.Read)
                    source.Read.Add(key);
                value = source.Values.GetValueOrDefault(key);
                return value is not null;
            }
        }
    }
}
