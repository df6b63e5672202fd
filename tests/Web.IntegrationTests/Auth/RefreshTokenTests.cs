using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>Refresh tokens over HTTP: rotation, reuse detection, the cookie, logout; on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class RefreshTokenTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;
    private Browser _browser = null!;
    private HttpClient _api = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider);
        _browser = new Browser(_app);
        _api = _app.CreateDefaultClient();
    }

    [TearDown]
    public async Task StopApp()
    {
        _api.Dispose();
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Dev_login_returns_a_refresh_token_good_for_30_days_and_sets_the_cookie()
    {
        var tokens = await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe");

        var refreshToken = tokens["refreshToken"]!.GetValue<string>();
        refreshToken.Length.ShouldBe(43);
        tokens["refreshTokenExpiresAt"]!.GetValue<string>().ShouldBe("2026-12-24T10:00:00Z");
        var cookie = _browser.Cookies.LastSetCookies.ShouldHaveSingleItem();
        cookie.Name.ToString().ShouldBe("refresh_token");
        cookie.Value.ToString().ShouldBe(refreshToken);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Secure.ShouldBeTrue();
        cookie.SameSite.ShouldBe(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        cookie.Path.ToString().ShouldBe("/api/auth");
    }

    [Test]
    public async Task Refreshing_rotates_the_token_and_gives_a_working_access_token()
    {
        var login = await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe");
        _app.Clock.Advance(TimeSpan.FromMinutes(20));

        var refreshed = await (await RefreshAsync(login["refreshToken"]!.GetValue<string>())).ReadJsonAsync(HttpStatusCode.OK);

        refreshed["refreshToken"]!.GetValue<string>().ShouldNotBe(login["refreshToken"]!.GetValue<string>());
        refreshed["accessTokenExpiresAt"]!.GetValue<string>().ShouldBe("2026-11-24T10:35:00Z");
        refreshed["refreshTokenExpiresAt"]!.GetValue<string>().ShouldBe("2026-12-24T10:20:00Z");
        refreshed["user"]!["login"]!.GetValue<string>().ShouldBe("jdoe");
        using var http = Authorized(refreshed["accessToken"]!.GetValue<string>());
        (await http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_refresh_token_used_twice_revokes_the_whole_login_but_not_other_logins()
    {
        var stolen = (await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe"))["refreshToken"]!.GetValue<string>();
        var otherLogin = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["refreshToken"]!.GetValue<string>();
        var current = (await (await RefreshAsync(stolen)).ReadJsonAsync(HttpStatusCode.OK))["refreshToken"]!.GetValue<string>();

        await (await RefreshAsync(stolen)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");

        await (await RefreshAsync(current)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await RefreshAsync(otherLogin)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_cookie_alone_refreshes_and_follows_each_rotation()
    {
        var login = await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe");

        var first = await (await _browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);
        _browser.Cookies["refresh_token"].ShouldBe(first["refreshToken"]!.GetValue<string>());
        var second = await (await _browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);

        first["refreshToken"]!.GetValue<string>().ShouldNotBe(login["refreshToken"]!.GetValue<string>());
        second["refreshToken"]!.GetValue<string>().ShouldNotBe(first["refreshToken"]!.GetValue<string>());
        _browser.Cookies["refresh_token"].ShouldBe(second["refreshToken"]!.GetValue<string>());
    }

    [Test]
    public async Task A_token_in_the_body_wins_over_the_cookie()
    {
        await AuthTestHelpers.DevLoginAsync(_browser.App, "cookie-holder");
        var other = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "body-holder"))["refreshToken"]!.GetValue<string>();

        var refreshed = await (await _browser.App.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = other })).ReadJsonAsync(HttpStatusCode.OK);

        refreshed["user"]!["login"]!.GetValue<string>().ShouldBe("body-holder");
    }

    [Test]
    public async Task Refreshing_without_any_token_is_a_401_problem()
    {
        await (await _browser.App.PostAsync("/api/auth/refresh", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await _browser.App.PostAsJsonAsync("/api/auth/refresh", new { })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await RefreshAsync("not-a-token-we-issued")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task An_expired_refresh_token_is_refused()
    {
        var token = (await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe"))["refreshToken"]!.GetValue<string>();

        _app.Clock.Advance(TimeSpan.FromDays(30));

        await (await RefreshAsync(token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task The_refresh_token_lifetime_is_configurable()
    {
        await using var app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:RefreshTokens:Lifetime"] = "01:00:00" });

        var tokens = await AuthTestHelpers.DevLoginAsync(app.CreateClient(), "jdoe");

        tokens["refreshTokenExpiresAt"]!.GetValue<string>().ShouldBe("2026-11-24T11:00:00Z");
    }

    [Test]
    public async Task Logout_ends_the_current_login_clears_the_cookie_and_leaves_other_logins()
    {
        var login = await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe");
        var otherLogin = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["refreshToken"]!.GetValue<string>();
        _browser.App.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());

        var response = await _browser.App.PostAsync("/api/auth/logout", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cleared = _browser.Cookies.LastSetCookies.ShouldHaveSingleItem();
        cleared.Name.ToString().ShouldBe("refresh_token");
        cleared.Path.ToString().ShouldBe("/api/auth");
        cleared.Expires!.Value.ShouldBeLessThan(DateTimeOffset.UnixEpoch.AddDays(1));
        _browser.Cookies["refresh_token"].ShouldBeNull();
        await (await RefreshAsync(login["refreshToken"]!.GetValue<string>())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await RefreshAsync(otherLogin)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Logout_ends_a_login_through_any_of_its_access_tokens()
    {
        var login = await AuthTestHelpers.DevLoginAsync(_browser.App, "jdoe");
        var refreshed = await (await RefreshAsync(login["refreshToken"]!.GetValue<string>())).ReadJsonAsync(HttpStatusCode.OK);

        using var http = Authorized(login["accessToken"]!.GetValue<string>());
        (await http.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await RefreshAsync(refreshed["refreshToken"]!.GetValue<string>())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task Logout_needs_an_access_token()
    {
        await (await _browser.App.PostAsync("/api/auth/logout", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    /// <summary>A refresh by body, from a client without cookies.</summary>
    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _api.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private HttpClient Authorized(string accessToken)
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }
}
