using System.Net;
using System.Text.RegularExpressions;
using Mediation.IntegrationTests;
using Microsoft.Playwright;
using Steps = Mediation.IntegrationTests.Requests;

namespace Mediation.BrowserTests;

/// <summary>The instances view on the embedded host: one process, its four services under one instance id.</summary>
[Collection(EmbeddedMonitoring.Name)]
public class InstancesPageTests(MonitoredHost host, Chromium chromium)
{
    private static readonly string[] Services = ["requests", "verification", "handover", "operations"];

    private string InstanceId => $"{Environment.MachineName}:{host.Address.Port}";

    [Fact]
    public async Task The_embedded_hosts_four_services_are_up_under_one_instance_with_their_uptime()
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 700 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/instances").ToString());

        foreach (var service in Services)
        {
            var row = page.Locator($"tr[data-instance='{InstanceId}'][data-service='{service}']");
            await Assertions.Expect(row.Locator("[data-state]")).ToHaveTextAsync("Up");
            await Assertions.Expect(row.Locator("[data-uptime]")).ToHaveTextAsync(new Regex(@"^\d+ (s|min)$"));
            await Assertions.Expect(row.Locator("[data-heartbeat]")).ToHaveTextAsync(new Regex(@"^\d+ s ago$"));
            await Assertions.Expect(row).ToContainTextAsync($"gRPC {host.Address.ToString().TrimEnd('/')}");
            await Assertions.Expect(row).ToContainTextAsync($"web {host.WebAddress.ToString().TrimEnd('/')}");
        }
        await Assertions.Expect(page.Locator($"[data-alarm-instance='{InstanceId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("header nav a[aria-current=page]")).ToHaveTextAsync("Instances");

        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "instances.png"), FullPage = true });
    }

    /// <summary>For Prometheus's alert rules: how long since each running service last said it was alive.</summary>
    [Fact]
    public async Task The_age_of_each_services_last_heartbeat_is_a_metric()
    {
        using var web = host.Web();
        foreach (var service in Services)
            await Steps.Eventually(() => web.GetStringAsync("/metrics"), m => m.Split('\n').Any(line =>
                line.StartsWith("mediation_instance_heartbeat_age_seconds{", StringComparison.Ordinal)
                && line.Contains($"instance=\"{InstanceId}\"", StringComparison.Ordinal) && line.Contains($"service=\"{service}\"", StringComparison.Ordinal)));
    }

    /// <summary>Forgetting is for an instance taken out of service: refused without the action header, and for one that is up.</summary>
    [Fact]
    public async Task An_instance_that_is_up_cannot_be_forgotten()
    {
        using var web = host.Web();
        await Steps.Eventually(() => web.GetStringAsync("/operations/api/instances"), v => v.Contains(InstanceId, StringComparison.Ordinal));
        var forget = $"/operations/api/instances/{Uri.EscapeDataString(InstanceId)}/forget";
        Assert.Equal(HttpStatusCode.BadRequest, (await web.PostAsync(forget, null)).StatusCode);
        using var action = new HttpRequestMessage(HttpMethod.Post, forget) { Headers = { { "X-Operator-Action", "1" } } };
        Assert.Equal(HttpStatusCode.Conflict, (await web.SendAsync(action)).StatusCode);
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/operations/api/instances/nowhere%3A1/forget") { Headers = { { "X-Operator-Action", "1" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await web.SendAsync(unknown)).StatusCode);
        Assert.Contains(InstanceId, await web.GetStringAsync("/operations/api/instances"));
    }
}
