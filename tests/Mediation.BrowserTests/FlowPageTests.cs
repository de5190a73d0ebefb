using Mediation.IntegrationTests;
using Microsoft.Playwright;
using Steps = Mediation.IntegrationTests.Requests;

namespace Mediation.BrowserTests;

/// <summary>
/// A case's flow in a real browser, on the embedded host: one case through submit, accept, forward and locate, its calls
/// and events in order on the diagram; and a case whose event failed while verification's database was locked, its
/// failed attempts and its fault marked.
/// </summary>
[Collection(EmbeddedMonitoring.Name)]
public class FlowPageTests(MonitoredHost host, Chromium chromium)
{
    [Fact]
    public async Task A_located_case_shows_its_calls_and_events_in_order_across_the_services()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        var name = await Steps.LocatedCase(requester, mediator, holder, "flow-" + Guid.NewGuid().ToString("N")[..6]);
        await Steps.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync);

        var page = await CaseFlowPage.Open(chromium, host.WebAddress, name);
        await CaseFlowPage.AssertLocatedFlow(page);
        await Assertions.Expect(page.Locator("#steps tr[data-row-index]")).ToHaveCountAsync(await page.Locator("#diagram [data-step-index]").CountAsync());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(name["cases/".Length..]);
        await CaseFlowPage.AssertNoPersonalData(page);

        Directory.CreateDirectory(DashboardPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardPageTests.ScreenshotDirectory, "flow.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_case_whose_event_failed_every_retry_shows_the_failed_attempts_and_the_fault()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        string name;
        await using (await host.LockDatabase("verification"))
        {
            name = await Steps.LocatedCase(requester, mediator, holder, "flow-fault-" + Guid.NewGuid().ToString("N")[..6]);
            // Until the event has failed every retry and reached the fault inbox; then the outage ends.
            using var web = host.Web();
            await Steps.Eventually(() => web.GetStringAsync("/operations/api/overview"), o => o.Contains(name, StringComparison.Ordinal));
        }

        var page = await CaseFlowPage.Open(chromium, host.WebAddress, name);
        var failed = CaseFlowPage.Step(page, "retry", "CaseLocated", "verification", "verification-case-located");
        var fault = CaseFlowPage.Step(page, "fault", "CaseLocated", "verification", "verification-case-located");
        await Assertions.Expect(fault).ToHaveCountAsync(1);
        await Assertions.Expect(fault).ToContainTextAsync("SqliteException");
        // Every immediate retry and the redelivery failed: more than one attempt, each before the fault.
        await Assertions.Expect(failed.Nth(1)).ToBeAttachedAsync();
        await Assertions.Expect(failed.First).ToContainTextAsync("SqliteException");
        var faultAt = int.Parse((await fault.GetAttributeAsync("data-step-index"))!);
        foreach (var attempt in await failed.AllAsync())
            Assert.True(int.Parse((await attempt.GetAttributeAsync("data-step-index"))!) < faultAt);
        await CaseFlowPage.AssertInOrder(CaseFlowPage.Step(page, "publish", "CaseLocated", "requests"), failed.First, fault);
        // Marked in colour, in the table too.
        Assert.Contains("retry", await failed.First.GetAttributeAsync("class") ?? "");
        await Assertions.Expect(page.Locator("#steps tr.fault")).ToHaveCountAsync(1);
        await CaseFlowPage.AssertNoPersonalData(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_case_is_answered_404_with_a_problem_and_said_so_on_the_page()
    {
        using var web = host.Web();
        var response = await web.GetAsync("/operations/api/flow/cases/" + Guid.NewGuid().ToString("N"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var page = await CaseFlowPage.Open(chromium, host.WebAddress, Guid.NewGuid().ToString("N"));
        await Assertions.Expect(page.Locator("[data-unknown-case]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
