using Steps = Mediation.IntegrationTests.Requests;

namespace Mediation.BrowserTests;

/// <summary>
/// A case's flow across four processes on RabbitMQ and PostgreSQL: each process ships its own steps over the broker,
/// and the operations process's page shows them as one sequence.
/// </summary>
[Collection(DistributedMonitoring.Name)]
public class DistributedFlowPageTests(MonitoredServices services, Chromium chromium)
{
    [Fact]
    public async Task A_located_case_shows_its_calls_and_events_in_order_from_every_process()
    {
        var (requester, mediator, holder) = (services.Keys.Client(services.Addresses, "requester-1", "o-r"),
            services.Keys.Client(services.Addresses, "mediator", "o-m"), services.Keys.Client(services.Addresses, "holder-1", "o-h"));
        var name = await Steps.LocatedCase(requester, mediator, holder, "flow-d-" + Guid.NewGuid().ToString("N")[..6]);
        await Steps.Eventually(() => mediator.Verification.GetChecklistAsync(new() { Name = name + "/checklist" }, mediator.Headers).ResponseAsync);

        var page = await CaseFlowPage.Open(chromium, services.OperationsWeb, name);
        await CaseFlowPage.AssertLocatedFlow(page);
        // Steps from different processes: the requests process's calls and the verification process's consumption.
        var instances = await page.Locator("#steps tr[data-row-index] td:last-child").AllTextContentsAsync();
        Assert.True(instances.Distinct().Count() >= 3, string.Join(", ", instances.Distinct()));
        await CaseFlowPage.AssertNoPersonalData(page);
        await page.Context.CloseAsync();
    }
}
