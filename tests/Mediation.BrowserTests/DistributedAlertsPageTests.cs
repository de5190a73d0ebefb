using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>
/// An alert fires and clears in the distributed mode: the verification process is killed, its queues on RabbitMQ
/// lose their consumer, the rule on them (ForSeconds 2, MonitoredSettings) fires; it clears once verification is
/// started again.
/// </summary>
[Collection(DistributedMonitoring.Name)]
public class DistributedAlertsPageTests(MonitoredServices services, Chromium chromium)
{
    private const string Rule = "VerificationConsumerMissing";
    private const string Queue = "verification-case-located";

    [Fact]
    public async Task A_consumer_missing_rule_fires_when_verification_is_killed_and_clears_when_it_is_back()
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(services.OperationsWeb, "/operations/alerts").ToString());
        var rule = page.Locator($"#rules tr[data-rule='{Rule}']").First;
        await Assertions.Expect(rule).ToBeVisibleAsync();
        var state = page.Locator($"#rules tr[data-rule='{Rule}'][data-subject='{Queue}'] [data-alert-state]");
        var history = page.Locator($"tr[data-history][data-rule='{Rule}'][data-subject='{Queue}']");
        var open = page.Locator($"tr[data-history][data-rule='{Rule}'][data-subject='{Queue}'][data-cleared='no']");
        // Verification consumes from its queues: nothing fires for them (an earlier test's episodes are all cleared).
        await Assertions.Expect(open).ToHaveCountAsync(0);
        var before = await history.CountAsync();

        await services.Main("Verification").Stop();
        await Assertions.Expect(state).ToHaveTextAsync("FIRING");
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await Assertions.Expect(history).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("alert(s) firing");
        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "alerts.png"), FullPage = true });

        await services.Restart("Verification");
        await Assertions.Expect(state).ToHaveTextAsync("OK");
        await Assertions.Expect(open).ToHaveCountAsync(0);
        await Assertions.Expect(history).ToHaveCountAsync(before + 1);
    }
}
