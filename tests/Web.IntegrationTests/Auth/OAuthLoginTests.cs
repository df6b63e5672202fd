using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// The OAuth2 authorization-code login, driven hop by hop as a browser would, against a real provider on
/// Kestrel, on each store.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class OAuthLoginTests(StorageProvider provider)
{
    private const string AllowedOrigin = "https://app.example.com";

    private FakeOAuthProvider _provider = null!;
    private TranscendenceApp _app = null!;
    private Browser _browser = null!;

    [SetUp]
    public async Task Start()
    {
        _provider = await FakeOAuthProvider.StartAsync();
        var settings = new Dictionary<string, string?>(_provider.AppSettings) { ["Auth:AllowedReturnOrigins"] = AllowedOrigin };
        _app = await TranscendenceApp.StartAsync(provider, settings: settings);
        _browser = new Browser(_app);
    }

    [TearDown]
    public async Task Stop()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task Login_redirects_to_the_provider_with_pkce_and_a_state_bound_to_a_correlation_cookie()
    {
        var response = await _browser.App.GetAsync("/api/auth/login?returnUrl=/lobby");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(_provider.BaseUri, "/oauth/authorize").ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().ShouldBe(FakeOAuthProvider.ClientId);
        query["response_type"].ToString().ShouldBe("code");
        query["redirect_uri"].ToString().ShouldBe("https://localhost/api/auth/callback");
        query["scope"].ToString().ShouldBe("public");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldNotBeNullOrEmpty();
        query["state"].ToString().ShouldNotBeNullOrEmpty();
        var correlation = _browser.Cookies.LastSetCookies.ShouldHaveSingleItem();
        correlation.Name.Value!.ShouldStartWith(".AspNetCore.Correlation.");
        correlation.HttpOnly.ShouldBeTrue();
        correlation.Secure.ShouldBeTrue();
    }

    [Test]
    public async Task A_full_login_creates_the_user_and_returns_with_a_strict_httponly_refresh_cookie()
    {
        var response = await _browser.LogInThroughProviderAsync("/lobby?tab=chat");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldBe("/lobby?tab=chat");
        _provider.PkceVerifiedExchanges.ShouldBe(1);
        var cookie = _browser.Cookies.LastSetCookies.Single(c => c.Name == "refresh_token");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Secure.ShouldBeTrue();
        cookie.SameSite.ShouldBe(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        cookie.Path.ToString().ShouldBe("/api/auth");
        cookie.Expires.ShouldBe(_app.Clock.GetUtcNow().AddDays(30));
        _browser.Cookies["transcendence_external"].ShouldBeNull("the handshake's cookie is gone once the login is complete");

        var tokens = await (await _browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);
        tokens["user"]!["login"]!.GetValue<string>().ShouldBe("marvin");
        tokens["user"]!["displayName"]!.GetValue<string>().ShouldBe("marvin");
        var me = await GetMeAsync(tokens["accessToken"]!.GetValue<string>());
        me["login"]!.GetValue<string>().ShouldBe("marvin");
    }

    [Test]
    public async Task Logging_in_again_finds_the_same_user()
    {
        await _browser.LogInThroughProviderAsync();
        var first = await (await _browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);

        using var again = new Browser(_app);
        await again.LogInThroughProviderAsync();
        var second = await (await again.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);

        second["user"]!["id"]!.GetValue<string>().ShouldBe(first["user"]!["id"]!.GetValue<string>());
    }

    [Test]
    public async Task A_provider_login_whose_display_name_is_taken_gets_a_unique_one()
    {
        var holder = await ApiClient.LoginAsync(_app, "holder");
        await holder.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "marvin" });

        await _browser.LogInThroughProviderAsync();

        var tokens = await (await _browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);
        tokens["user"]!["login"]!.GetValue<string>().ShouldBe("marvin");
        tokens["user"]!["displayName"]!.GetValue<string>().ShouldBe("marvin2");
    }

    [TestCase("/lobby", "/lobby")]
    [TestCase("https://app.example.com/after?x=1", "https://app.example.com/after?x=1")]
    [TestCase("https://evil.example/steal", "/")]
    [TestCase("//evil.example/steal", "/")]
    [TestCase("/\\evil.example", "/")]
    [TestCase("https://app.example.com.evil.example/", "/")]
    public async Task The_return_url_is_honoured_only_when_local_or_of_an_allowed_origin(string returnUrl, string expected)
    {
        var response = await _browser.LogInThroughProviderAsync(returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Test]
    public async Task Declined_consent_is_a_401_problem_and_creates_no_user()
    {
        _provider.DenyConsent = true;

        var response = await _browser.LogInThroughProviderAsync("/lobby");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.oauth_denied");
        await ShouldHaveNoUserAsync("marvin");
    }

    [Test]
    public async Task A_code_the_provider_refuses_is_a_400_problem_and_creates_no_user()
    {
        // invalid_grant: the code was used or expired. The client's code is bad, the provider is fine.
        _provider.FailTokenExchange = true;

        var response = await _browser.LogInThroughProviderAsync("/lobby");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "auth.oauth_failed");
        await ShouldHaveNoUserAsync("marvin");
    }

    [Test]
    public async Task A_token_endpoint_answering_garbage_is_a_502_problem_and_creates_no_user()
    {
        _provider.TokenEndpointBroken = true;

        var response = await _browser.LogInThroughProviderAsync("/lobby");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "auth.oauth_failed");
        await ShouldHaveNoUserAsync("marvin");
    }

    [Test]
    public async Task A_provider_that_is_down_at_the_callback_is_a_502_problem_and_creates_no_user()
    {
        var login = await _browser.App.GetAsync("/api/auth/login");
        var backFromProvider = await _browser.GetAsync(login.Headers.Location!);
        await _provider.StopAsync();

        var callback = await _browser.GetAsync(backFromProvider.Headers.Location!);

        await callback.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "auth.provider_unavailable");
        await ShouldHaveNoUserAsync("marvin");
    }

    [Test]
    public async Task User_information_without_a_login_is_a_502_problem()
    {
        _provider.User.Remove("login");

        var response = await _browser.LogInThroughProviderAsync();

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "auth.oauth_failed");
    }

    [TestCase("/api/auth/callback", TestName = "A callback without state or code")]
    [TestCase("/api/auth/callback?code=abc&state=forged", TestName = "A callback with a forged state")]
    public async Task A_callback_whose_state_cannot_be_read_is_a_400_problem(string url)
    {
        var response = await _browser.App.GetAsync(url);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "auth.oauth_invalid_state");
    }

    [Test]
    public async Task A_callback_in_a_browser_that_did_not_start_the_login_is_refused_and_creates_no_user()
    {
        var login = await _browser.App.GetAsync("/api/auth/login");
        var backFromProvider = await _browser.GetAsync(login.Headers.Location!);

        using var victim = new Browser(_app);
        var callback = await victim.GetAsync(backFromProvider.Headers.Location!);

        await callback.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "auth.oauth_invalid_state");
        await ShouldHaveNoUserAsync("marvin");
    }

    [Test]
    public async Task Completing_a_login_that_never_started_is_a_400_problem()
    {
        var response = await _browser.App.GetAsync("/api/auth/login/complete");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "auth.oauth_invalid_state");
    }

    [Test]
    public async Task With_two_factor_on_the_login_returns_with_a_ticket_instead_of_a_session()
    {
        ApiClient marvin;
        // The provider's marvin (a dev-login marvin would be another account).
        using (var first = new Browser(_app))
        {
            await first.LogInThroughProviderAsync();
            var signedIn = await (await first.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);
            var http = _app.CreateClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", signedIn["accessToken"]!.GetValue<string>());
            marvin = new ApiClient(http, Guid.Parse(signedIn["user"]!["id"]!.GetValue<string>()), signedIn["accessToken"]!.GetValue<string>());
        }

        var setup = await (await marvin.Http.PostAsync("/api/auth/2fa/setup", null)).ReadJsonAsync(HttpStatusCode.OK);
        var secret = setup["secret"]!.GetValue<string>();
        (await marvin.Http.PostAsJsonAsync("/api/auth/2fa/enable", new { code = AuthTestHelpers.TotpCode(secret, _app.Clock.GetUtcNow()) }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await _browser.LogInThroughProviderAsync("/lobby?tab=chat");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/lobby?tab=chat&twoFactor=required&ticket=");
        _browser.Cookies["refresh_token"].ShouldBeNull();

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var ticket = QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..])["ticket"].ToString();
        var tokens = await (await _browser.App.PostAsJsonAsync("/api/auth/2fa/verify", new { ticket, code = AuthTestHelpers.TotpCode(secret, _app.Clock.GetUtcNow()) }))
            .ReadJsonAsync(HttpStatusCode.OK);
        tokens["user"]!["id"]!.GetValue<string>().ShouldBe(marvin.UserId.ToString());
        tokens["user"]!["twoFactorEnabled"]!.GetValue<bool>().ShouldBeTrue();
        _browser.Cookies["refresh_token"].ShouldBe(tokens["refreshToken"]!.GetValue<string>());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> GetMeAsync(string accessToken)
    {
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return await (await http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task ShouldHaveNoUserAsync(string login)
    {
        var observer = await ApiClient.LoginAsync(_app, "observer");
        var found = await (await observer.Http.GetAsync($"/api/users?search={login}")).ReadJsonAsync(HttpStatusCode.OK);
        found.AsArray().ShouldBeEmpty();
    }
}

/// <summary>Without a client id and secret there is no OAuth login, and the routes say so.</summary>
public sealed class OAuthNotConfiguredTests
{
    [TestCase("/api/auth/login")]
    [TestCase("/api/auth/callback?code=abc&state=def")]
    public async Task The_login_routes_answer_503_when_no_provider_is_configured(string url)
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

        var response = await app.CreateClient().GetAsync(url);

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "auth.oauth_not_configured");
    }
}
