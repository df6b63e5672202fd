using System.Net;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>Two-factor (TOTP) over HTTP: setup, enable, logins with a ticket, replay, lockout, disable; on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class TwoFactorTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    [Test]
    public async Task Setup_gives_a_secret_and_an_otpauth_uri_and_changes_nothing_until_enabled()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");

        var setup = await (await jdoe.Http.PostAsync("/api/auth/2fa/setup", null)).ReadJsonAsync(HttpStatusCode.OK);

        var secret = setup["secret"]!.GetValue<string>();
        secret.Length.ShouldBe(32, "160 bits in base32");
        var uri = new Uri(setup["otpauthUri"]!.GetValue<string>());
        uri.Scheme.ShouldBe("otpauth");
        uri.Host.ShouldBe("totp");
        Uri.UnescapeDataString(uri.AbsolutePath).ShouldBe("/Transcendence:jdoe");
        uri.Query.ShouldContain($"secret={secret}");
        uri.Query.ShouldContain("issuer=Transcendence");
        (await MeAsync(jdoe))["twoFactorEnabled"]!.GetValue<bool>().ShouldBeFalse();
        (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["accessToken"].ShouldNotBeNull();
    }

    [Test]
    public async Task Enabling_needs_a_right_code_and_then_shows_in_the_profile()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await SetUpAsync(jdoe);

        await (await EnableAsync(jdoe, WrongCode(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        (await MeAsync(jdoe))["twoFactorEnabled"]!.GetValue<bool>().ShouldBeFalse();

        (await EnableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(jdoe))["twoFactorEnabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Test]
    public async Task Enabling_without_setup_or_twice_is_a_conflict()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        await (await EnableAsync(jdoe, "123456")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "auth.two_factor_not_set_up");

        var secret = await EnableTwoFactorAsync(jdoe);

        await (await EnableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now.AddSeconds(30)))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "auth.two_factor_already_enabled");
        await (await jdoe.Http.PostAsync("/api/auth/2fa/setup", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "auth.two_factor_already_enabled");
    }

    [TestCase("")]
    [TestCase("12345")]
    [TestCase("abcdef")]
    public async Task A_code_that_is_not_six_digits_is_a_validation_problem(string code)
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        await SetUpAsync(jdoe);

        var problem = await (await EnableAsync(jdoe, code)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["code"].ShouldNotBeNull();
    }

    [Test]
    public async Task With_two_factor_on_a_login_needs_the_ticket_and_a_fresh_code()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        var usedForEnabling = AuthTestHelpers.TotpCode(secret, Now);

        var challenge = await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe");

        challenge["twoFactorRequired"]!.GetValue<bool>().ShouldBeTrue();
        challenge["accessToken"].ShouldBeNull();
        challenge["ticketExpiresAt"]!.GetValue<string>().ShouldBe("2026-11-24T10:05:00Z");
        var ticket = challenge["ticket"]!.GetValue<string>();

        await (await VerifyAsync(ticket, usedForEnabling)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var tokens = await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ReadJsonAsync(HttpStatusCode.OK);
        tokens["user"]!["id"]!.GetValue<string>().ShouldBe(jdoe.UserId.ToString());
        tokens["user"]!["twoFactorEnabled"]!.GetValue<bool>().ShouldBeTrue();
        tokens["refreshToken"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task A_code_is_accepted_once_across_logins()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = AuthTestHelpers.TotpCode(secret, Now);
        var first = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        var second = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();

        (await VerifyAsync(first, code)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await VerifyAsync(second, code)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
    }

    [Test]
    public async Task A_code_from_the_step_before_or_after_is_accepted_for_clock_drift()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        var ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now.AddSeconds(-30)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now.AddSeconds(30)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now.AddSeconds(90)))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
    }

    [Test]
    public async Task A_ticket_expires_after_five_minutes()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        var ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();

        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task An_unknown_ticket_is_refused()
    {
        await (await VerifyAsync("no-such-ticket", "123456")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task Five_wrong_codes_in_a_minute_lock_the_user_out_with_429_and_retry_after()
    {
        var (jdoe, secret, ticket) = await LoginNeedingTheSecondFactorAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await VerifyAsync(ticket, WrongCode(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(20));
        var limited = await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now));

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40));
        // The lockout is the user's, whichever route the codes come through.
        await (await DisableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now))).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        _app.Clock.Advance(TimeSpan.FromSeconds(40));
        (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Wrong_codes_in_a_row_back_off_exponentially_instead_of_resetting_every_minute()
    {
        var (_, secret, ticket) = await LoginNeedingTheSecondFactorAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await VerifyAsync(ticket, WrongCode(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await VerifyAsync(ticket, WrongCode(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        var limited = await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now));

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(2));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Twenty_wrong_codes_in_a_row_lock_out_the_login_that_tried_until_a_fresh_login()
    {
        await RestartWithLongLivedLoginsAsync();
        var (_, secret, ticket) = await LoginNeedingTheSecondFactorAsync();

        await GuessWrongCodesAsync(20, () => VerifyAsync(ticket, WrongCode(secret)));
        var locked = await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now));

        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        problem["detail"]!.GetValue<string>().ShouldContain("log in again");
        locked.Headers.RetryAfter.ShouldNotBeNull();

        var fresh = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        (await VerifyAsync(fresh, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Twenty_wrong_codes_at_disable_lock_that_session_out_until_a_fresh_login_passes_the_second_factor()
    {
        await RestartWithLongLivedLoginsAsync();
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        await GuessWrongCodesAsync(20, () => DisableAsync(jdoe, WrongCode(secret)));

        var locked = await DisableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now));
        (await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited"))["detail"]!.GetValue<string>().ShouldContain("log in again");
        (await MeAsync(jdoe))["twoFactorEnabled"]!.GetValue<bool>().ShouldBeTrue();

        var ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        var tokens = await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ReadJsonAsync(HttpStatusCode.OK);
        var fresh = _app.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", tokens["accessToken"]!.GetValue<string>());
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        (await fresh.PostAsJsonAsync("/api/auth/2fa/disable", new { code = AuthTestHelpers.TotpCode(secret, Now) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>jdoe signed in with 2FA on, and half a step later a new login of theirs waiting at the second factor.</summary>
    private async Task<(ApiClient Jdoe, string Secret, string Ticket)> LoginNeedingTheSecondFactorAsync()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        return (jdoe, secret, ticket);
    }

    /// <summary>Tickets and access tokens that outlive the hours twenty wrong codes take (the backoff).</summary>
    private async Task RestartWithLongLivedLoginsAsync()
    {
        await _app.DisposeAsync();
        _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Auth:TwoFactor:TicketLifetime"] = "1.00:00:00",
            ["Auth:Jwt:AccessTokenLifetime"] = "1.00:00:00",
        });
    }

    /// <summary>
    /// Sends <paramref name="count"/> wrong codes in a row, each as soon as the backoff allows (the first five
    /// at once, then after 1, 2, 4 … minutes, at most an hour), and waits out the backoff after the last.
    /// </summary>
    private async Task GuessWrongCodesAsync(int count, Func<Task<HttpResponseMessage>> guess)
    {
        for (var n = 1; n <= count; n++)
        {
            await (await guess()).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
            if (n >= 5)
            {
                _app.Clock.Advance(TimeSpan.FromMinutes(Math.Min(Math.Pow(2, n - 5), 60)));
            }
        }
    }

    [Test]
    public async Task Disabling_needs_a_fresh_code_and_logins_go_back_to_plain_tokens()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);

        await (await DisableAsync(jdoe, WrongCode(secret))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await DisableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(jdoe))["twoFactorEnabled"]!.GetValue<bool>().ShouldBeFalse();
        (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["accessToken"].ShouldNotBeNull();
        await (await DisableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now.AddSeconds(30)))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "auth.two_factor_not_enabled");
    }

    [Test]
    public async Task A_ticket_issued_before_two_factor_was_turned_off_is_no_longer_good()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var secret = await EnableTwoFactorAsync(jdoe);
        var ticket = (await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), "jdoe"))["ticket"]!.GetValue<string>();
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await DisableAsync(jdoe, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        await (await VerifyAsync(ticket, AuthTestHelpers.TotpCode(secret, Now))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task Two_factor_routes_other_than_verify_need_an_access_token()
    {
        var anonymous = _app.CreateClient();

        await (await anonymous.PostAsync("/api/auth/2fa/setup", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.PostAsJsonAsync("/api/auth/2fa/enable", new { code = "123456" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.PostAsJsonAsync("/api/auth/2fa/disable", new { code = "123456" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    private static async Task<string> SetUpAsync(ApiClient user) =>
        (await (await user.Http.PostAsync("/api/auth/2fa/setup", null)).ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();

    /// <summary>Sets up and enables two-factor with the code of the current step; returns the secret.</summary>
    private async Task<string> EnableTwoFactorAsync(ApiClient user)
    {
        var secret = await SetUpAsync(user);
        (await EnableAsync(user, AuthTestHelpers.TotpCode(secret, Now))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return secret;
    }

    private static Task<HttpResponseMessage> EnableAsync(ApiClient user, string code) =>
        user.Http.PostAsJsonAsync("/api/auth/2fa/enable", new { code });

    private static Task<HttpResponseMessage> DisableAsync(ApiClient user, string code) =>
        user.Http.PostAsJsonAsync("/api/auth/2fa/disable", new { code });

    private Task<HttpResponseMessage> VerifyAsync(string ticket, string code) =>
        _app.CreateClient().PostAsJsonAsync("/api/auth/2fa/verify", new { ticket, code });

    private static async Task<System.Text.Json.Nodes.JsonNode> MeAsync(ApiClient user) =>
        await (await user.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>A six-digit code that is right at no step near now (the right ones, shifted by one digit).</summary>
    private string WrongCode(string secret)
    {
        var near = Enumerable.Range(-2, 5).Select(step => AuthTestHelpers.TotpCode(secret, Now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !near.Contains(code));
    }
}
