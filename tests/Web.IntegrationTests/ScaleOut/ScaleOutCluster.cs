using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Several real app processes (Production, <see cref="RunningWebProcess"/>) on one migrated PostgreSQL database and
/// one throwaway Redis (<see cref="RedisTestServer"/>), with one signing key, so a token from any instance is
/// accepted by every other. App processes are slow to start: start one cluster per fixture.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private ScaleOutCluster(RedisTestServer redis, IReadOnlyList<RunningWebProcess> instances)
    {
        Redis = redis;
        Instances = instances;
    }

    private readonly HashSet<int> _killed = [];

    public RedisTestServer Redis { get; }

    public IReadOnlyList<RunningWebProcess> Instances { get; }

    /// <summary>Every instance's console output, for failure messages.</summary>
    public string Output => string.Join("\n", Instances.Select((instance, i) => $"--- instance {i} ---\n{instance.Output}"));

    /// <summary>Starts Redis, a database and <paramref name="instances"/> app processes; <paramref name="settings"/> go to every instance.</summary>
    public static async Task<ScaleOutCluster> StartAsync(int instances, IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = await RedisTestServer.StartAsync();
        var database = await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey,
            ["Auth__DevLogin__Enabled"] = "true",
            // Tests sign in and send far more often than people do.
            ["Auth__RateLimits__DevLogin__PermitLimit"] = "100000",
            ["Hubs__RateLimits__Default__TokenLimit"] = "100000",
            ["Hubs__RateLimits__Default__TokensPerPeriod"] = "100000",
            ["Chat__SendLimit__Messages"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        try
        {
            var started = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => RunningWebProcess.StartAsync(environment)));
            return new ScaleOutCluster(redis, started);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs in through dev-login on that instance (creating the user on first use).</summary>
    public async Task<ApiClient> LoginAsync(int instance, string login)
    {
        var http = Instances[instance].CreateClient();
        var body = await (await http.PostAsJsonAsync("/api/auth/dev-login", new { login })).ReadJsonAsync(HttpStatusCode.OK);
        var token = body["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, Guid.Parse(body["user"]!["id"]!.GetValue<string>()), token);
    }

    /// <summary>A chat connection of <paramref name="user"/> to that instance, listening for every chat event, set up.</summary>
    public Task<HubClient> ConnectChatAsync(int instance, ApiClient user) =>
        HubClient.ConnectAsync(Instances[instance].BaseAddress, user.AccessToken, ChatTestKit.HubPath, ChatTestKit.AllEvents);

    /// <summary>Waits (up to <paramref name="within"/>) until <paramref name="condition"/> holds; fails with every instance's output.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        try
        {
            await Eventually.HoldsAsync(condition, what, within);
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}\n{Output}");
        }
    }

    /// <summary>Kills instance <paramref name="index"/> as a crash would (SIGKILL: nothing said to Redis or anyone).</summary>
    public async Task KillAsync(int index)
    {
        if (_killed.Add(index))
        {
            await Instances[index].DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (instance, index) in Instances.Select((instance, index) => (instance, index)))
        {
            await KillAsync(index);
        }

        await Redis.DisposeAsync();
    }
}
