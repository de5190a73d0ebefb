using Mediation.IntegrationTests;
using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>
/// The observer's people sign in to the dashboard with their own credentials and find the aggregate report — and
/// nothing else: every operations view refuses them. The mediator's operators see the same report.
/// </summary>
public class ReportsPageTests(EmbeddedHost host, Chromium chromium) : IClassFixture<EmbeddedHost>, IClassFixture<Chromium>
{
    private async Task<IPage> SignIn(string user, string password)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = user, Password = password },
            ViewportSize = new() { Width = 1400, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        return page;
    }

    [Fact]
    public async Task The_observer_sees_the_report_with_small_cells_withheld_and_cannot_open_the_operations_views()
    {
        var caseIds = await ReportCases.SeedOnce(host);
        var page = await SignIn("observer-1", "demo-observer-password");
        await page.GotoAsync(new Uri(host.WebAddress, "/reports/").ToString());

        await Assertions.Expect(page.Locator("[data-figure=cases] .count")).ToHaveTextAsync("27");
        await Assertions.Expect(page.Locator("[data-figure=reunited] .count")).ToHaveTextAsync("17");
        await Assertions.Expect(page.Locator("[data-figure=p50] .count")).ToHaveTextAsync("90 days");
        await Assertions.Expect(page.Locator("[data-figure=p90] .count")).ToHaveTextAsync("160 days");
        await Assertions.Expect(page.Locator("#by-stage tr[data-cell=CLOSED] td.n")).ToHaveTextAsync("11");
        await Assertions.Expect(page.Locator("#by-stage tr[data-cell=LOCATED] td.n")).ToHaveTextAsync("withheld");
        await Assertions.Expect(page.Locator("#by-region-found tr[data-cell=North] td.n")).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("#by-region-found tr[data-withheld]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("other regions \\(withheld\\)"));
        await Assertions.Expect(page.Locator("#reunited-by-holding-party tr[data-cell='parties/holder-2'] td.n")).ToHaveTextAsync("5");

        var html = await page.ContentAsync();
        Assert.DoesNotContain(ReportCases.ChildFamilyName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("South", html, StringComparison.Ordinal);
        Assert.DoesNotContain(caseIds, html.Contains);
        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "reports.png"), FullPage = true });

        // Everything else is the operators': refused, the page and its API alike, and /metrics.
        foreach (var path in new[] { "/operations/", "/operations/api/overview", "/operations/api/actions", "/metrics" })
        {
            var response = await page.GotoAsync(new Uri(host.WebAddress, path).ToString());
            Assert.True(response!.Status == 403, $"{path} answered the observer {response.Status}");
            Assert.DoesNotContain("Mediation — operations", await page.ContentAsync());
        }
        var retry = await page.APIRequest.PostAsync(new Uri(host.WebAddress, $"/operations/api/faults/{Guid.NewGuid()}/retry").ToString(),
            new() { Headers = new Dictionary<string, string> { ["X-Operator-Action"] = "1" } });
        Assert.Equal(403, retry.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_mediators_operator_sees_the_same_report_from_the_dashboard()
    {
        await ReportCases.SeedOnce(host);
        var page = await SignIn("operator-1", "demo-operator-password");
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/").ToString());
        await page.GetByText("Reports (what the observer sees)").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.WebAddress, "/reports/").ToString());
        await Assertions.Expect(page.Locator("[data-figure=cases] .count")).ToHaveTextAsync("27");
        await Assertions.Expect(page.Locator("#not-located-by-holding-party tr[data-withheld]")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }
}
