using Mediation.Host.Demo;
using Mediation.IntegrationTests;
using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>What the flow page's tests share: opening it as an operator, reading a step's place, the personal data it must not hold.</summary>
public static class CaseFlowPage
{
    public static async Task<IPage> Open(Chromium chromium, Uri web, string caseName)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "operator-1", Password = "demo-operator-password" },
            ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        await page.GotoAsync(new Uri(web, "/operations/flow?case=" + Uri.EscapeDataString(caseName)).ToString());
        return page;
    }

    /// <summary>The one step of <paramref name="kind"/>, <paramref name="type"/> on <paramref name="service"/>, once it is drawn.</summary>
    public static ILocator Step(IPage page, string kind, string type, string service, string? consumer = null) =>
        page.Locator($"#diagram [data-kind='{kind}'][data-type='{type}'][data-service='{service}']" + (consumer is null ? "" : $"[data-consumer='{consumer}']"));

    /// <summary>Each step's place in the diagram, waiting for it to be drawn; the places must rise in the order given.</summary>
    public static async Task AssertInOrder(params ILocator[] steps)
    {
        var places = new List<int>();
        foreach (var step in steps)
        {
            await Assertions.Expect(step).ToHaveCountAsync(1);
            places.Add(int.Parse((await step.GetAttributeAsync("data-step-index"))!));
        }
        Assert.Equal(places.Order(), places);
        Assert.Equal(places.Count, places.Distinct().Count());
    }

    /// <summary>What the test's children and the reference children are called, born, found: none of it may be on the page.</summary>
    public static async Task AssertNoPersonalData(IPage page)
    {
        var html = await page.ContentAsync();
        var personal = ReferenceChildren.PersonalDetails(ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow)))
            .Concat(["Iryna", "Testchuk", "Oksana", "+000 77 1234", "12 Test Street", "Test Town"]);
        Assert.DoesNotContain(personal, html.Contains);
    }

    /// <summary>
    /// A case taken to located, on either mode: the calls one after the other, each event published within its call and
    /// taken after it was published (operations takes CaseSubmitted whenever it gets to it, before or after the accept),
    /// and verification's checklist opened from CaseLocated.
    /// </summary>
    public static async Task AssertLocatedFlow(IPage page)
    {
        await AssertInOrder(
            Step(page, "call", "SubmitRequest", "requests"),
            Step(page, "publish", "CaseSubmitted", "requests"),
            Step(page, "consume", "CaseSubmitted", "operations", "operations-case-events"));
        await AssertInOrder(
            Step(page, "call", "SubmitRequest", "requests"),
            Step(page, "publish", "CaseSubmitted", "requests"),
            Step(page, "call", "AcceptCase", "requests"),
            Step(page, "publish", "CaseAccepted", "requests"),
            Step(page, "call", "ForwardCase", "requests"),
            Step(page, "publish", "CaseForwarded", "requests"),
            Step(page, "call", "ReportCaseLocated", "requests"),
            Step(page, "publish", "CaseLocated", "requests"),
            Step(page, "consume", "CaseLocated", "verification"),
            Step(page, "publish", "ChecklistOpened", "verification"));
        await AssertInOrder(Step(page, "publish", "CaseAccepted", "requests"), Step(page, "consume", "CaseAccepted", "operations", "operations-case-events"));
    }
}
