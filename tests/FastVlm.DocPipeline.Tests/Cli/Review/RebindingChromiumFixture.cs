using Microsoft.Playwright;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// Debian's chromium as an attacker would like it: <see cref="RebindHost"/> resolves to 127.0.0.1 (what DNS rebinding
/// achieves), and the browser's own local-network protections are off, so that only the review server stands in the way.
/// </summary>
public sealed class RebindingChromiumFixture : IAsyncLifetime
{
    /// <summary>A name of "another site" that resolves to loopback.</summary>
    public const string RebindHost = "rebind.attacker.test";

    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--host-resolver-rules=MAP {RebindHost} 127.0.0.1",
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
