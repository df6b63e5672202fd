using System.Net;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>The auth routes' rate limits (set low here), on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class RateLimitTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>
    {
        ["Auth:RateLimits:DevLogin:PermitLimit"] = "2",
        ["Auth:RateLimits:DevLogin:Window"] = "00:01:00",
        ["Auth:RateLimits:Refresh:PermitLimit"] = "1",
        ["Auth:RateLimits:Login:PermitLimit"] = "1",
        ["Auth:RateLimits:TwoFactor:PermitLimit"] = "2",
    });

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Dev_login_beyond_its_limit_is_a_429_problem_with_retry_after()
    {
        var http = _app.CreateClient();
        await AuthTestHelpers.DevLoginAsync(http, "a");
        await AuthTestHelpers.DevLoginAsync(http, "b");

        var limited = await http.PostAsJsonAsync("/api/auth/dev-login", new { login = "c" });

        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        problem["detail"]!.GetValue<string>().ShouldStartWith("too many requests");
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Refresh_beyond_its_limit_is_a_429_problem_with_retry_after()
    {
        var http = _app.CreateClient();
        var token = (await AuthTestHelpers.DevLoginAsync(http, "a"))["refreshToken"]!.GetValue<string>();
        (await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var limited = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Test]
    public async Task Login_beyond_its_limit_is_a_429_problem_with_retry_after()
    {
        var http = _app.CreateClient();
        await http.GetAsync("/api/auth/login");

        var limited = await http.GetAsync("/api/auth/login");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Test]
    public async Task Two_factor_routes_are_limited_per_user()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        (await alice.Http.PostAsync("/api/auth/2fa/setup", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alice.Http.PostAsync("/api/auth/2fa/setup", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var limited = await alice.Http.PostAsync("/api/auth/2fa/setup", null);

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await bob.Http.PostAsync("/api/auth/2fa/setup", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
