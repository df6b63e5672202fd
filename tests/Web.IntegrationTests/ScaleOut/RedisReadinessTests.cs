using System.Net;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Scaled out, <c>/health/ready</c> also asks Redis. Redis down leaves the instance in the load balancer
/// (200, Degraded, the body says why): it still serves what it holds. It recovers by itself.
/// </summary>
public sealed class RedisReadinessTests
{
    [Test]
    public async Task Ready_says_degraded_while_Redis_is_down_and_healthy_once_it_is_back()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var app = await ScaledOutAsync(redis);
        var client = app.CreateClient();
        (await ReadyAsync(client)).ShouldBe((HttpStatusCode.OK, "Healthy"));

        await redis.StopAsync();
        var down = await UntilAsync(client, body => body.StartsWith("Degraded", StringComparison.Ordinal));
        down.Status.ShouldBe(HttpStatusCode.OK);
        down.Body.ShouldContain("redis: redis unreachable");
        (await ApiClient.LoginAsync(app, "still-served")).UserId.ShouldNotBe(Guid.Empty);

        await redis.RestartAsync();
        await UntilAsync(client, body => body == "Healthy");
    }

    [Test]
    public async Task The_app_starts_and_serves_while_Redis_is_down_and_connects_when_it_comes_up()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await redis.StopAsync();

        await using var app = await ScaledOutAsync(redis);
        var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadyAsync(client)).Status.ShouldBe(HttpStatusCode.OK);
        (await ApiClient.LoginAsync(app, "early")).UserId.ShouldNotBe(Guid.Empty);
        await redis.RestartAsync();
        await UntilAsync(client, body => body == "Healthy");
    }

    /// <summary>One instance of a scaled-out app in a test server: a fresh migrated database and <paramref name="redis"/>.</summary>
    internal static Task<TranscendenceApp> ScaledOutAsync(RedisTestServer redis, string? database = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return TranscendenceApp.StartAsync(StorageProvider.Postgres, database, all);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<(HttpStatusCode Status, string Body)> UntilAsync(HttpClient client, Func<string, bool> body) =>
        Eventually.ReadAsync(() => ReadyAsync(client), ready => body(ready.Body), "/health/ready answers as expected");
}
