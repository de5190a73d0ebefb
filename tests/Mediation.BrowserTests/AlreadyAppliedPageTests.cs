using System.Net.Http.Json;
using System.Text.Json;
using Mediation.IntegrationTests;
using Microsoft.Playwright;
using Steps = Mediation.IntegrationTests.Requests;

namespace Mediation.BrowserTests;

/// <summary>
/// After an outage, one of two failed events was published again and applied: in a real browser the
/// operator sees it marked "already applied", the other not, and discards the marked one with one button.
/// A host of its own: the other page test counts cases per stage.
/// </summary>
public class AlreadyAppliedPageTests(FaultyDatabaseHost host, Chromium chromium) : IClassFixture<FaultyDatabaseHost>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_operator_sees_which_faults_were_applied_since_and_discards_them_all_with_one_button()
    {
        var (requester, mediator, holder) = (host.Party("requester-1"), host.Party("mediator"), host.Party("holder-1"));
        var run = Guid.NewGuid().ToString("N")[..6];
        using var web = host.Web();
        string healed, failed;
        await using (await host.LockDatabase("verification"))
        {
            healed = await Steps.LocatedCase(requester, mediator, holder, $"page-a-{run}");
            failed = await Steps.LocatedCase(requester, mediator, holder, $"page-b-{run}");
            await Steps.Eventually(() => web.GetStringAsync("/operations/api/overview"), o => o.Contains(healed, StringComparison.Ordinal) && o.Contains(failed, StringComparison.Ordinal));
        }
        var overview = await web.GetFromJsonAsync<JsonElement>("/operations/api/overview");
        await host.PublishAgain(DashboardApi.OpenFaults(overview).Single(f => f.GetProperty("caseId").GetString() == healed).GetProperty("faultId").GetGuid());

        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(host.WebAddress, "/operations/").ToString());

        var healedFault = page.Locator("[data-fault]", new() { HasText = healed });
        var failedFault = page.Locator("[data-fault]", new() { HasText = failed });
        await Assertions.Expect(healedFault.Locator("[data-applied]")).ToHaveTextAsync("already applied");
        await Assertions.Expect(healedFault.Locator("[data-applied]")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("verification-case-located"));
        await Assertions.Expect(failedFault).ToBeVisibleAsync();
        await Assertions.Expect(failedFault.Locator("[data-applied]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-applied-count]")).ToHaveTextAsync("1");

        await page.Locator("button[data-action=discard-applied]").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-recent-fault][data-state=Discarded]", new() { HasText = healed })).ToContainTextAsync("Already applied");
        await Assertions.Expect(healedFault).ToHaveCountAsync(0);
        await Assertions.Expect(failedFault).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[data-action=discard-applied]")).ToHaveCountAsync(0);
    }
}
