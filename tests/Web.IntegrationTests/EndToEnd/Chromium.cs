using Microsoft.Playwright;

namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>
/// Debian's chromium driven by Playwright. Playwright's driver ships in its NuGet package; no browser is ever
/// downloaded: the executable is <c>/usr/bin/chromium</c> (scripts/ensure-chromium.sh installs it) or the one
/// <c>TRANSCENDENCE_TEST_CHROMIUM</c> names. One browser serves every test; each user gets a context of their own.
/// </summary>
internal static class Chromium
{
    public const string ExecutableVariable = "TRANSCENDENCE_TEST_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } given ? given : DefaultExecutable;
            if (!File.Exists(executable))
            {
                Assert.Fail($"Chromium is missing at {executable}: run scripts/ensure-chromium.sh (as root it runs " +
                    $"'apt-get install -y chromium'), or set {ExecutableVariable} to a Chromium executable.");
            }

            // Never fetch a browser of Playwright's own.
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // As root Chromium refuses to start sandboxed; /dev/shm is small in containers; and it must not
                // reach for the network beyond the app (updates, sync, QUIC probes are refused on a closed network).
                Args =
                [
                    "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }
}

[SetUpFixture]
public sealed class EndToEndSetUp
{
    [OneTimeTearDown]
    public async Task CloseBrowser() => await Chromium.CloseAsync();
}
