using Mediation.IntegrationTests;
using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>
/// The instances view on the distributed mode: a process per service on RabbitMQ, a second verification process
/// started beside the first, the first killed (its heartbeats stop: stale, an alarm) and started again on its port
/// (the same instance, up again with a new start time, the alarm gone), the second stopped in good order (stopped, no alarm).
/// </summary>
[Collection(DistributedMonitoring.Name)]
public class DistributedInstancesPageTests(MonitoredServices services, Chromium chromium)
{
    private static string InstanceId(ServiceProcess process) => $"{Environment.MachineName}:{process.Address.Port}";

    private static ILocator Row(IPage page, ServiceProcess process) =>
        page.Locator($"tr[data-instance='{InstanceId(process)}'][data-service='{process.Name.ToLowerInvariant()}']");

    private static ILocator Alarm(IPage page, ServiceProcess process) =>
        page.Locator($"[data-alarm-instance='{InstanceId(process)}'][data-alarm-service='{process.Name.ToLowerInvariant()}']");

    [Fact]
    public async Task A_killed_instance_turns_stale_with_an_alarm_and_is_up_again_when_restarted_and_one_stopped_in_good_order_is_stopped()
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(services.OperationsWeb, "/operations/instances").ToString());

        foreach (var service in new[] { "Requests", "Verification", "Handover", "Operations" })
            await Assertions.Expect(Row(page, services.Main(service)).Locator("[data-state]")).ToHaveTextAsync("Up");

        // A second verification process: a second row, both up.
        var first = services.Main("Verification");
        var second = services.Start("Verification");
        await second.WaitServing();
        await Assertions.Expect(Row(page, second).Locator("[data-state]")).ToHaveTextAsync("Up");
        await Assertions.Expect(Row(page, first).Locator("[data-state]")).ToHaveTextAsync("Up");
        var startedBefore = await Row(page, first).Locator("[data-started]").TextContentAsync();

        // Killed: no word, its heartbeats stop.
        await first.Stop();
        await Assertions.Expect(Row(page, first).Locator("[data-state]")).ToHaveTextAsync("Stale");
        await Assertions.Expect(Row(page, first).Locator("[data-heartbeat]")).ToContainTextAsync("no heartbeat for");
        await Assertions.Expect(Alarm(page, first)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, second).Locator("[data-state]")).ToHaveTextAsync("Up");
        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "instances-stale.png"), FullPage = true });

        // Started again where it answered: the same instance, a new start.
        await services.Restart("Verification");
        var restarted = services.Main("Verification");
        Assert.Equal(InstanceId(first), InstanceId(restarted));
        await Assertions.Expect(Row(page, restarted).Locator("[data-state]")).ToHaveTextAsync("Up");
        await Assertions.Expect(Row(page, restarted).Locator("[data-started]")).Not.ToHaveTextAsync(startedBefore!);
        await Assertions.Expect(Alarm(page, restarted)).ToHaveCountAsync(0);

        // Stopped in good order: it says so, and its silence raises no alarm.
        await second.StopInGoodOrder();
        await Assertions.Expect(Row(page, second).Locator("[data-state]")).ToHaveTextAsync("Stopped");
        await Assertions.Expect(Alarm(page, second)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, restarted).Locator("[data-state]")).ToHaveTextAsync("Up");
    }
}
