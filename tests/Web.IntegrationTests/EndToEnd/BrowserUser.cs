using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>
/// One person in the browser: a context of their own (own cookies, own storage) with one page on the app.
/// Every script error, <c>console.error</c> and failed load with a 5xx is collected; <see cref="DisposeAsync"/>
/// fails the test on any. (A 4xx refusal the page handles is part of the story: the browser logs it as a
/// failed load, which is not a fault of the page.)
/// </summary>
internal sealed partial class BrowserUser : IAsyncDisposable
{
    /// <summary>Where the tests leave their screenshots (git-ignored); the README's pictures are copies of them.</summary>
    public static readonly string ScreenshotFolder = Repository.PathOf("artifacts", "screenshots");

    private readonly List<string> _errors = [];

    private BrowserUser(string login, IBrowserContext context, IPage page)
    {
        Login = login;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsHandledRefusal(message.Text))
            {
                lock (_errors)
                {
                    _errors.Add($"console.error: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public string Login { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Opens the app as a new person (no cookies) on a desktop-sized window.</summary>
    public static async Task<BrowserUser> OpenAsync(Uri app, string login, int width = 1280, int height = 800)
    {
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserUser(login, context, page);
    }

    /// <summary>Logs in through the page's dev-login form and waits for the chat.</summary>
    public async Task LogInAsync()
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Login", new PageGetByLabelOptions { Exact = true }).FillAsync(Login);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#me")).ToBeVisibleAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/chat$"));
    }

    /// <summary>The user's id, as the page knows it.</summary>
    public async Task<Guid> UserIdAsync() => Guid.Parse((await Page.Locator("#me").GetAttributeAsync("data-user"))!);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name) });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }

    /// <summary>Fails the test when the page logged an error.</summary>
    public void ShouldHaveNoErrors() =>
        Errors.ShouldBeEmpty($"{Login}'s page logged errors");

    private static bool IsHandledRefusal(string text) =>
        FailedLoad().Match(text) is { Success: true } failed && failed.Groups[1].Value.StartsWith('4');

    [GeneratedRegex("^Failed to load resource: the server responded with a status of (\\d{3})")]
    private static partial Regex FailedLoad();
}
