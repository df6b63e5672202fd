using System.Net;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>Every answer that carries tokens, a 2FA ticket or a TOTP secret forbids caching (RFC 6749 §5.1).</summary>
public sealed class TokenResponseCachingTests
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Dev_login_refresh_and_two_factor_answers_are_not_to_be_stored()
    {
        var login = await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "jdoe" });
        ShouldForbidCaching(login);
        var tokens = await login.ReadJsonAsync(HttpStatusCode.OK);

        var refresh = await _app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() });
        ShouldForbidCaching(refresh);
        await refresh.ReadJsonAsync(HttpStatusCode.OK);

        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var setup = await jdoe.Http.PostAsync("/api/auth/2fa/setup", null);
        ShouldForbidCaching(setup);
        var secret = (await setup.ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var now = _app.Clock.GetUtcNow();
        (await jdoe.Http.PostAsJsonAsync("/api/auth/2fa/enable", new { code = AuthTestHelpers.TotpCode(secret, now) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var challenge = await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "jdoe" });
        ShouldForbidCaching(challenge);
        var ticket = (await challenge.ReadJsonAsync(HttpStatusCode.OK))["ticket"]!.GetValue<string>();
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var verified = await _app.CreateClient().PostAsJsonAsync(
            "/api/auth/2fa/verify", new { ticket, code = AuthTestHelpers.TotpCode(secret, _app.Clock.GetUtcNow()) });
        ShouldForbidCaching(verified);
        await verified.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_end_of_an_oauth_login_which_sets_the_refresh_cookie_is_not_to_be_stored()
    {
        await using var provider = await FakeOAuthProvider.StartAsync();
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: provider.AppSettings);
        using var browser = new Browser(app);

        var complete = await browser.LogInThroughProviderAsync("/lobby");

        complete.StatusCode.ShouldBe(HttpStatusCode.Found);
        browser.Cookies["refresh_token"].ShouldNotBeNull();
        ShouldForbidCaching(complete);
    }

    private static void ShouldForbidCaching(HttpResponseMessage response)
    {
        response.Headers.CacheControl.ShouldNotBeNull($"{response.RequestMessage!.RequestUri} has no Cache-Control");
        response.Headers.CacheControl.NoStore.ShouldBeTrue($"{response.RequestMessage!.RequestUri}: Cache-Control {response.Headers.CacheControl}");
        response.Headers.Pragma.ShouldContain(p => p.Name == "no-cache");
    }
}
