using System.Text.Json;
using System.Text.RegularExpressions;
using Mediation.Operations.Alerts;
using YamlDotNet.RepresentationModel;

namespace Mediation.IntegrationTests;

/// <summary>
/// docs/monitoring/: the Prometheus alerting rules and the Grafana dashboard a deployment loads are held to what the
/// services export: every metric they name is one the embedded host's /metrics serves, the alerts are the operations
/// service's default rules by name, and both files parse.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public partial class MonitoringFilesTests(EmbeddedHost host)
{
    /// <summary>
    /// Exported by the operations service once heartbeats are counted (the instances view's gauge); until then no
    /// process serves it, and the files may still name it.
    /// </summary>
    private static readonly string[] ExpectedFromHeartbeats = ["mediation_instance_heartbeat_age_seconds"];

    private static string Monitoring(string file) => Path.Combine(Repository.Root, "docs", "monitoring", file);

    private static YamlMappingNode[] Alerts()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Monitoring("prometheus-alerts.yml")))
            yaml.Load(reader);
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents.Single().RootNode)["groups"];
        return groups.Cast<YamlMappingNode>().SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()).ToArray();
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [Fact]
    public void The_alerting_rules_are_the_default_rules_each_with_a_for_a_severity_and_a_summary()
    {
        var alerts = Alerts();
        Assert.Equal(AlertRules.Defaults.Select(r => r.Name).Order(), alerts.Select(a => Scalar(a, "alert")).Order());
        foreach (var alert in alerts)
        {
            Assert.Matches("^[0-9]+[smh]$", Scalar(alert, "for"));
            Assert.Contains(Scalar((YamlMappingNode)alert["labels"], "severity"), new[] { "warning", "critical" });
            Assert.NotEmpty(Scalar((YamlMappingNode)alert["annotations"], "summary"));
            Assert.NotEmpty(Scalar(alert, "expr"));
        }
    }

    [Fact]
    public void The_grafana_dashboard_parses_and_reads_prometheus_through_a_datasource_variable()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Monitoring("grafana-dashboard.json")));
        var dashboard = json.RootElement;
        Assert.InRange(dashboard.GetProperty("schemaVersion").GetInt32(), 36, 41);
        var variable = Assert.Single(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray());
        Assert.Equal(("datasource", "prometheus"), (variable.GetProperty("type").GetString(), variable.GetProperty("query").GetString()));
        var titles = dashboard.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();
        foreach (var view in new[] { "Queue depth", "Alert rules", "Cases per stage", "Outbox backlog", "Request latency" })
            Assert.Contains(titles, t => t.StartsWith(view, StringComparison.Ordinal));
        Assert.All(dashboard.GetProperty("panels").EnumerateArray(),
            p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task Every_metric_the_files_name_is_one_the_services_export()
    {
        var named = Alerts().Select(a => Scalar(a, "expr"))
            .Concat(GrafanaExpressions())
            .SelectMany(e => MetricName().Matches(LabelsOut().Replace(e, " ")).Select(m => m.Value))
            .ToHashSet();
        Assert.Contains("mediation_alert_firing", named);
        Assert.Contains("mediation_queue_ready", named);

        await host.ReferenceCase;
        using var scraper = host.Web();
        var wanted = named.Except(ExpectedFromHeartbeats).ToList();
        // Gauges are sampled every few seconds: wait until each has its first sample.
        var metrics = await Requests.Eventually(() => scraper.GetStringAsync("/metrics"), m => wanted.All(name => Exported(m).Contains(name)));
        Assert.Empty(wanted.Except(Exported(metrics)));
    }

    private static IEnumerable<string> GrafanaExpressions()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Monitoring("grafana-dashboard.json")));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)).ToList();
    }

    /// <summary>The names of the series in Prometheus text: each sample line starts with its name.</summary>
    private static HashSet<string> Exported(string metrics) => metrics.Split('\n')
        .Where(l => l.Length > 0 && l[0] != '#')
        .Select(l => l[..l.IndexOfAny(['{', ' '])])
        .ToHashSet();

    // The services' own series and the HTTP server's, once the labels are out of the way.
    [GeneratedRegex(@"\b(mediation|http)_[a-z_]+\b")]
    private static partial Regex MetricName();

    // Label matchers ({queue!~"…"}) and groupings (by (le, http_route)) name labels, not series.
    [GeneratedRegex(@"\{[^}]*\}|\b(by|without)\s*\([^)]*\)")]
    private static partial Regex LabelsOut();
}
