using System.Globalization;
using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Microsoft.Playwright;
using Steps = Mediation.IntegrationTests.Requests;

namespace Mediation.BrowserTests;

/// <summary>
/// An operator watches a load arrive on the graphs: twelve submissions show as twelve more cases entering SUBMITTED,
/// and the consumer of CaseSubmitted in operations has a processing-time chart with points — on the embedded host and
/// on the distributed mode, where the figures travel from each process over RabbitMQ.
/// </summary>
public abstract class GraphsPageTests(Chromium chromium)
{
    private const int Submissions = 12;
    private const string SubmittedChart = "figure[data-chart='stage.entered'][data-subject='SUBMITTED']";
    private const string ProcessingChart = "figure[data-chart='message.processing'][data-subject='CaseSubmitted@operations-case-events']";

    protected abstract Uri WebAddress { get; }
    protected abstract PartyClient Requester { get; }
    protected abstract string View { get; }

    [Fact]
    public async Task A_load_of_submissions_shows_on_the_cases_entering_SUBMITTED_chart_and_its_consumer_has_processing_times()
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(WebAddress, "/operations/graphs#range=15m").ToString());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("updated");
        await Assertions.Expect(page.Locator("#range")).ToHaveValueAsync("15m");
        var before = await Total(page);

        var tag = Guid.NewGuid().ToString("N")[..6];
        await Task.WhenAll(Enumerable.Range(0, Submissions).Select(i =>
            Requester.Requests.SubmitRequestAsync(Steps.OneChild($"graphs-{tag}-{i}"), Requester.Headers).ResponseAsync));

        // The page redraws by itself (every 10 s) until the chart holds the load.
        try
        {
            await page.WaitForFunctionAsync(
                "([chart, expected]) => [...document.querySelectorAll(chart + ' circle')].reduce((sum, c) => sum + Number(c.dataset.value), 0) === expected",
                new object[] { SubmittedChart, before + Submissions }, new() { Timeout = Chromium.Patience * 2 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"cases entering SUBMITTED: {await Total(page)} drawn, {before} before the load of {Submissions}");
        }
        await Assertions.Expect(page.Locator(ProcessingChart)).ToBeVisibleAsync();
        Assert.True(await page.Locator(ProcessingChart + " circle[data-line=p50]").CountAsync() > 0);
        Assert.True(await page.Locator(ProcessingChart + " circle[data-line=p99]").CountAsync() > 0);
        // Every point is at a time the chart's axis holds, in UTC.
        var at = await page.Locator(SubmittedChart + " circle").Last.GetAttributeAsync("data-at");
        Assert.EndsWith("Z", at);
        // The range stays chosen across the page's refreshes.
        await Assertions.Expect(page.Locator("#range")).ToHaveValueAsync("15m");

        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, View), FullPage = true });
    }

    /// <summary>The sum of the points of the cases-entering-SUBMITTED chart as drawn; 0 while there is none.</summary>
    private static async Task<double> Total(IPage page)
    {
        var values = await page.Locator(SubmittedChart + " circle").EvaluateAllAsync<string[]>("circles => circles.map(c => c.dataset.value)");
        return values.Sum(v => double.Parse(v, CultureInfo.InvariantCulture));
    }
}

[Collection(EmbeddedMonitoring.Name)]
public sealed class EmbeddedGraphsPageTests(MonitoredHost host, Chromium chromium) : GraphsPageTests(chromium)
{
    protected override Uri WebAddress => host.WebAddress;
    protected override PartyClient Requester => host.Party("requester-1");
    protected override string View => "graphs.png";
}

[Collection(DistributedMonitoring.Name)]
public sealed class DistributedGraphsPageTests(MonitoredServices services, Chromium chromium) : GraphsPageTests(chromium)
{
    protected override Uri WebAddress => services.OperationsWeb;
    protected override PartyClient Requester => services.Keys.Client(services.Addresses, "requester-1", "officer-1");
    protected override string View => "graphs-distributed.png";
}
