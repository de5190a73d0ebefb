using System.Diagnostics;
using System.Text.RegularExpressions;
using MassTransit;
using Mediation.BuildingBlocks.Bus;
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
/// service reads in the distributed mode is given both by docker-compose.yml and by scripts/up.sh, and the
/// compose file's `cluster` profile is the cluster scripts/cluster.sh makes: as many broker nodes, the same
/// partition handling, second instances given what up.sh --cluster gives them.
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

    public static TheoryData<string> ScaledServices() => ["requests", "verification", "handover"];

    [Theory]
    [MemberData(nameof(ScaledServices))]
    public void A_second_instance_in_the_cluster_profile_is_the_first_but_for_ports_and_has_the_settings_up_sh_gives_it(string service)
    {
        var second = ComposeEnvironment($"{service}-2");
        Assert.Equal(ComposeEnvironment(service), second);
        Assert.Equal(UpShEnvironment($"{service}-2", cluster: true).Keys.Order(), second.Keys.Order());
        var block = ComposeService($"{service}-2");
        Assert.Contains("    profiles: [cluster]", block);
        Assert.DoesNotContain(block, l => l.StartsWith("    ports:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_service_is_given_every_broker_node_of_the_compose_file_and_of_cluster_sh()
    {
        var brokers = ComposeBrokers();
        var clusterSh = Run("cluster.sh", "nodes").Trim();
        Assert.Equal(3, brokers.Count);
        Assert.Equal(brokers.Count, BrokerNodes.Parse(clusterSh, null).All.Count);
        foreach (var service in (string[])["requests", "verification", "handover", "operations", "requests-2", "verification-2", "handover-2"])
        {
            var compose = ComposeEnvironment(service);
            Assert.Equal(brokers, BrokerNodes.Parse(compose["Bus:Host"], compose["Bus:Port"].Trim('"')).All.Select(n => n.Host));
            Assert.Equal(clusterSh, UpShEnvironment(service, cluster: true)["Bus:Host"]);
        }
        // The dashboard's queue view asks each node's management API in turn.
        Assert.Equal(brokers.Select(b => $"http://{b}:15672"),
            ComposeEnvironment("operations")["Operations:RabbitMqManagementUrl"].Split(','));
        Assert.Equal(Run("cluster.sh", "management").Trim(), UpShEnvironment("operations", cluster: true)["Operations:RabbitMqManagementUrl"]);
    }

    [Fact]
    public void Every_broker_node_pauses_in_a_minority_as_cluster_sh_s_nodes_do()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "scripts", "cluster.sh"));
        var config = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "rabbitmq-cluster.conf"));
        Assert.Equal("pause_minority", PartitionHandling().Match(script).Groups[1].Value);
        Assert.Equal("pause_minority", PartitionHandling().Match(config).Groups[1].Value);
        foreach (var broker in ComposeBrokers())
            Assert.Contains(ComposeService(broker), l => l.Contains("./deploy/rabbitmq-cluster.conf:/etc/rabbitmq/conf.d/", StringComparison.Ordinal));
        // Each joins the first by its stable host name, with the cookie they share.
        Assert.All(ComposeBrokers(), b =>
        {
            Assert.Contains($"    hostname: {b}", ComposeService(b));
            Assert.Contains($"rabbit@{b}", config);
            Assert.Contains(ComposeService(b), l => l.TrimStart().StartsWith("RABBITMQ_ERLANG_COOKIE: \"${MEDIATION_ERLANG_COOKIE:?", StringComparison.Ordinal));
        });
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

    private static Dictionary<string, string> UpShEnvironment(string service, bool cluster = false) =>
        Run("up.sh", cluster ? ["--cluster", "--demo", "--print-env", service] : ["--demo", "--print-env", service])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => Setting(p[0]), p => p[1]);

    /// <summary>What a script in scripts/ prints, with the repository's default ports (not a test run's own).</summary>
    private static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", script), args) { RedirectStandardOutput = true };
        start.Environment.Remove("RABBITMQ_CLUSTER_PORT");
        start.Environment.Remove("RABBITMQ_CLUSTER_MANAGEMENT_PORT");
        var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static Dictionary<string, string> ComposeEnvironment(string service)
    {
        var block = ComposeService(service);
        var environment = Array.IndexOf(block, "    environment:");
        Assert.True(environment >= 0, $"{service} has no environment in docker-compose.yml");
        var settings = new Dictionary<string, string>();
        for (var i = environment + 1; i < block.Length && block[i].StartsWith("      ", StringComparison.Ordinal); i++)
        {
            var match = ComposeSetting().Match(block[i]);
            Assert.True(match.Success, $"unexpected line in {service}'s environment: {block[i]}");
            settings[Setting(match.Groups[1].Value)] = match.Groups[2].Value;
        }
        return settings;
    }

    /// <summary>A service's lines in docker-compose.yml, up to the next service.</summary>
    private static string[] ComposeService(string service)
    {
        var compose = File.ReadAllLines(Path.Combine(Repository.Root, "docker-compose.yml"));
        var start = Array.IndexOf(compose, $"  {service}:");
        Assert.True(start >= 0, $"docker-compose.yml has no service {service}");
        var end = Array.FindIndex(compose, start + 1, l => l.Length > 2 && !l.StartsWith("   ", StringComparison.Ordinal));
        return compose[start..(end < 0 ? compose.Length : end)];
    }

    /// <summary>The compose file's RabbitMQ nodes (services on the rabbitmq image), by name.</summary>
    private static List<string> ComposeBrokers()
    {
        var compose = File.ReadAllLines(Path.Combine(Repository.Root, "docker-compose.yml"));
        return compose.Select((line, i) => (line, i))
            .Where(l => ServiceLine().IsMatch(l.line) && l.i + 1 < compose.Length && compose[l.i + 1].StartsWith("    image: rabbitmq:", StringComparison.Ordinal))
            .Select(l => l.line.Trim().TrimEnd(':')).ToList();
    }

    // ASP.NET reads A__B from the environment as the setting A:B.
    private static string Setting(string variable) => variable == "ASPNETCORE_URLS" ? "urls" : variable.Replace("__", ":");

    [GeneratedRegex(@"^\s{6}([A-Za-z_]+):\s*(.*)$")]
    private static partial Regex ComposeSetting();

    [GeneratedRegex(@"^  [a-z][a-z0-9-]*:$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"(?m)^\s*cluster_partition_handling\s*=\s*([a-z_]+)")]
    private static partial Regex PartitionHandling();

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
