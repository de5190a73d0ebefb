using Microsoft.Playwright;

namespace Mediation.BrowserTests;

/// <summary>
/// Debian's Chromium (installed by test.sh), headless, driven by Playwright without a browser download.
/// The flags keep it off the network, which this machine does not have.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>How long a page may take to show what a test expects; Playwright's 5-s default is short on a loaded 2-core machine.</summary>
    public const float Patience = 30_000;

    static Chromium() => Assertions.SetDefaultExpectTimeout(Patience);

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: ./test.sh installs it (apt-get install -y chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
