using System.Text.Json;
using Mediation.IntegrationTests;
using Microsoft.Playwright;
using Steps = Mediation.IntegrationTests.Requests;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.BrowserTests;

/// <summary>
/// An alert fires and clears in a real browser, on the embedded host: an event fails every retry while verification's
/// database is locked, the rule on open faults of that queue (ForSeconds 0, MonitoredSettings) fires, the main page
/// says so, and the operator's retry from the main page clears it.
/// </summary>
[Collection(EmbeddedMonitoring.Name)]
public class AlertsPageTests(MonitoredHost host, Chromium chromium)
{
    private const string Rule = "VerificationOpenFaults";

    [Fact]
    public async Task An_open_faults_rule_fires_when_an_event_fails_every_retry_and_clears_when_the_operator_retries_it()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        using var web = host.Web();
        // An earlier test of this collection may have left a fault open on the same queue, which would keep the rule
        // firing whatever this test does: put such faults aside first, as an operator would.
        using (var overview = JsonDocument.Parse(await web.GetStringAsync("/operations/api/overview")))
            foreach (var left in DashboardApi.OpenFaults(overview.RootElement).Where(f => f.GetProperty("queue").GetString() == "verification-case-located"))
                (await DashboardApi.Act(web, $"/operations/api/faults/{left.GetProperty("faultId").GetGuid()}/discard", new { reason = "left open by an earlier test" })).EnsureSuccessStatusCode();
        string poisoned;
        await using (await host.LockDatabase("verification"))
        {
            poisoned = await Steps.LocatedCase(requester, mediator, holder, "alerts-" + Guid.NewGuid().ToString("N")[..6]);
            await Steps.Eventually(() => web.GetStringAsync("/operations/api/overview"), o => o.Contains(poisoned, StringComparison.Ordinal));
        }

        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/alerts").ToString());

        var state = page.Locator($"#rules tr[data-rule='{Rule}'][data-subject='CaseLocated'] [data-alert-state]");
        var firing = page.Locator($"tr[data-history][data-rule='{Rule}'][data-subject='CaseLocated'][data-cleared='no']");
        await Assertions.Expect(state).ToHaveTextAsync("FIRING");
        await Assertions.Expect(firing).ToHaveCountAsync(1);
        var episodes = await page.Locator($"tr[data-history][data-rule='{Rule}'][data-subject='CaseLocated']").CountAsync();
        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "alerts-open-faults.png"), FullPage = true });

        // The main page's banner leads here; the operator retries the fault from the main page.
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/").ToString());
        var banner = page.Locator("#alerts-banner a[data-alerts-firing]");
        await Assertions.Expect(banner).ToContainTextAsync("alert(s) firing");
        await Assertions.Expect(banner).ToHaveAttributeAsync("href", "/operations/alerts");
        await page.Locator("[data-fault]", new() { HasText = poisoned }).Locator("button[data-action=retry]").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-recent-fault][data-state=Retried]", new() { HasText = poisoned })).ToBeVisibleAsync();
        await Steps.Eventually(() => requester.Requests.GetCaseAsync(new() { Name = poisoned }, requester.Headers).ResponseAsync,
            c => c.Case.Stage == RequestsApi.CaseStage.InVerification);

        await page.Locator("nav a[href='/operations/alerts']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/operations/alerts$"));
        await Assertions.Expect(state).ToHaveTextAsync("OK");
        await Assertions.Expect(firing).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"tr[data-history][data-rule='{Rule}'][data-subject='CaseLocated'][data-cleared='yes']")).ToHaveCountAsync(episodes);

        // The same through the API the page reads, and for Prometheus.
        using var alerts = JsonDocument.Parse(await web.GetStringAsync("/operations/api/alerts"));
        var rule = alerts.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("name").GetString() == Rule);
        Assert.Equal("OK", rule.GetProperty("states").EnumerateArray().Single(s => s.GetProperty("subject").GetString() == "CaseLocated").GetProperty("state").GetString());
        static string? Firing(string metrics) => metrics.Split('\n')
            .Where(l => l.StartsWith("mediation_alert_firing{", StringComparison.Ordinal)
                && l.Contains($"rule=\"{Rule}\"", StringComparison.Ordinal) && l.Contains("subject=\"CaseLocated\"", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('}') + 1)..].Trim().Split(' ')[0]).SingleOrDefault();
        await Steps.Eventually(() => web.GetStringAsync("/metrics"), m => Firing(m) == "0");
    }
}
