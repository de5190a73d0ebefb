using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Steps = Mediation.IntegrationTests.Requests;
using Microsoft.Playwright;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.BrowserTests;

/// <summary>
/// An operator's morning, in a real browser: the reference case has run, one event failed every retry
/// while verification's database was locked, and the operator finds it on the dashboard and retries it.
/// </summary>
public class DashboardPageTests(FaultyDatabaseHost host, Chromium chromium) : IClassFixture<FaultyDatabaseHost>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_operator_sees_stages_a_batch_child_by_child_and_a_poisoned_message_and_retries_it_from_the_page()
    {
        var outcome = await host.ReferenceCase;
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        string poisoned;
        await using (await host.LockDatabase("verification"))
        {
            poisoned = await Steps.LocatedCase(requester, mediator, holder, "browser-" + Guid.NewGuid().ToString("N")[..6]);
            // Wait (through the API the page uses) until the event has failed every retry, then end the outage.
            using var web = host.Web();
            await Steps.Eventually(() => web.GetStringAsync("/operations/api/overview"), o => o.Contains(poisoned, StringComparison.Ordinal));
        }

        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/").ToString());

        // Cases per stage: the reference case's eleven children are closed; the poisoned one is located.
        await Assertions.Expect(page.Locator("[data-stage=CLOSED] .count")).ToHaveTextAsync(outcome.Cases.Count.ToString());
        await Assertions.Expect(page.Locator("[data-stage=LOCATED] .count")).ToHaveTextAsync("1");

        // The batch, child by child: every child with its claimant, every leg done.
        var batch = page.Locator($"[data-batch='{outcome.Batch}']");
        await Assertions.Expect(batch.Locator("tr[data-case]")).ToHaveCountAsync(outcome.Cases.Count);
        foreach (var name in outcome.Cases)
        {
            var row = batch.Locator($"tr[data-case='{name}']");
            await Assertions.Expect(row.Locator("[data-child-stage]")).ToHaveTextAsync("CLOSED");
            await Assertions.Expect(row.Locator("[data-custodian]")).ToContainTextAsync("claimant");
        }

        // The poisoned message, among the faults, with its exception.
        var group = page.Locator("[data-fault-group=CaseLocated]");
        await Assertions.Expect(group).ToContainTextAsync("SqliteException");
        await Assertions.Expect(group).ToContainTextAsync("locked");
        var fault = group.Locator("[data-fault]", new() { HasText = poisoned });
        await Assertions.Expect(fault).ToContainTextAsync("verification-case-located");

        var html = await page.ContentAsync();
        var personal = ReferenceChildren.PersonalDetails(ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.DoesNotContain(personal, html.Contains);

        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "dashboard.png"), FullPage = true });

        // Retry from the page: the message is processed and the page shows it by itself, without a reload.
        await fault.Locator("button[data-action=retry]").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-recent-fault][data-state=Retried]", new() { HasText = poisoned })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-stage=IN_VERIFICATION] .count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-stage=LOCATED] .count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-fault]", new() { HasText = poisoned })).ToHaveCountAsync(0);
        var checklist = await mediator.Verification.GetChecklistAsync(new() { Name = poisoned + "/checklist" }, mediator.Headers);
        Assert.NotEmpty(checklist.Checklist.Checks);
        var stage = (await requester.Requests.GetCaseAsync(new() { Name = poisoned }, requester.Headers)).Case.Stage;
        Assert.Equal(RequestsApi.CaseStage.InVerification, stage);
        Assert.DoesNotContain(personal, (await page.ContentAsync()).Contains);
    }

    [Fact]
    public async Task A_holding_party_cannot_open_the_dashboard_in_a_browser()
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "holder-1", Password = "demo-holder-1-key" },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(host.WebAddress, "/operations/").ToString());
        // Its API key is no operator's password: the browser's sign-in is refused like any wrong one.
        Assert.Equal(401, response!.Status);
        var text = await page.ContentAsync();
        Assert.Contains("Sign in as an operator", text);
        Assert.DoesNotContain("Mediation — operations", text);
    }

    /// <summary>
    /// Each run's screenshot goes to .artifacts; the one the guides show (docs/images) is replaced only when
    /// asked, with MEDIATION_UPDATE_SCREENSHOT=1, so a test run leaves the repository as it found it.
    /// </summary>
    public static string ScreenshotDirectory => Environment.GetEnvironmentVariable("MEDIATION_UPDATE_SCREENSHOT") == "1"
        ? Path.Combine(Repository.Root, "docs", "images")
        : Path.Combine(Repository.Root, ".artifacts", "screenshots");
}
