using Mediation.IntegrationTests;
using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>
/// An operator who opens the dashboard from an address carrying the sign-in (<c>http://user:pass@host/operations/</c>, as a
/// bookmark or a monitor's kiosk does) gets a page that keeps updating: before, every request the page made was built
/// from that address and refused by the browser, and the page sat at "Not updated".
/// </summary>
public class CredentialsInAddressPageTests(EmbeddedHost host, Chromium chromium) : IClassFixture<EmbeddedHost>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData("operator-1", "demo-operator-password", "/operations/", "updated")]
    [InlineData("observer-1", "demo-observer-password", "/reports/", "Worked out")]
    public async Task A_page_opened_from_an_address_with_credentials_updates(string user, string password, string path, string updated)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Patience);
        var address = new UriBuilder(new Uri(host.WebAddress, path)) { UserName = user, Password = password }.Uri;
        Assert.Contains("@", address.AbsoluteUri);

        var response = await page.GotoAsync(address.AbsoluteUri);

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(updated);
        await Assertions.Expect(page.Locator("#status")).Not.ToContainTextAsync("Not updated");
    }
}
