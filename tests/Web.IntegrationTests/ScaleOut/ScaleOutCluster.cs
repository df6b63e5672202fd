using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Several real app processes (Production, <see cref="RunningWebProcess"/>) on one migrated PostgreSQL database and
/// one throwaway Redis (<see cref="RedisTestServer"/>), with one signing key, so a token from any instance is
/// accepted by every other. Instance <c>i</c> (0-based) calls itself <c>instance{i+1}</c> (<c>ScaleOut:InstanceId</c>),
/// as <c>scripts/cluster.sh</c> and the proxy name it. App processes are slow to start: start one cluster per
/// fixture. Everything it started is stopped on dispose, and by a start that fails half-way.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<RunningWebProcess> _instances;

    private ScaleOutCluster(RedisTestServer redis, IReadOnlyDictionary<string, string> environment, IEnumerable<RunningWebProcess> instances)
    {
        Redis = redis;
        _environment = environment;
        _instances = [.. instances];
    }

    public RedisTestServer Redis { get; }

    /// <summary>The instances started so far (those added by <see cref="AddInstanceAsync"/> last), killed ones included.</summary>
    public IReadOnlyList<RunningWebProcess> Instances => _instances;

    /// <summary>Every instance's console output, for failure messages.</summary>
    public string Output => string.Join("\n", Instances.Select((instance, i) => $"--- instance {i} ---\n{instance.Output}"));

    /// <summary>
    /// Starts Redis, a database and <paramref name="instances"/> app processes; <paramref name="settings"/> go to
    /// every instance, on top of the scale-out ones (a <c>ScaleOut__InstanceId</c> among them names them all alike).
    /// </summary>
    public static async Task<ScaleOutCluster> StartAsync(int instances, IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = await RedisTestServer.StartAsync();
        var starting = Array.Empty<Task<RunningWebProcess>>();
        try
        {
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
                ["Chat__SendLimit__Messages"] = "100000",
            };
            // Hub methods too: every limit lifted, as TranscendenceApp does.
            foreach (var key in TranscendenceApp.HubLimitKeys())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = "100000";
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            starting = Enumerable.Range(0, instances).Select(index => StartInstanceAsync(environment, index)).ToArray();
            return new ScaleOutCluster(redis, environment, await Task.WhenAll(starting));
        }
        catch
        {
            // Task.WhenAll has seen every start end: stop the ones that came up, then Redis.
            foreach (var start in starting.Where(start => start.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more instance on the same database and Redis with the same settings, named after its index
    /// (<c>instance{n+1}</c>, never a name used before: a dead instance's name would renew its lease); returns its index.
    /// </summary>
    public async Task<int> AddInstanceAsync()
    {
        var index = _instances.Count;
        _instances.Add(await StartInstanceAsync(_environment, index));
        return index;
    }

    private static Task<RunningWebProcess> StartInstanceAsync(IReadOnlyDictionary<string, string> environment, int index)
    {
        var own = new Dictionary<string, string>(environment);
        own.TryAdd("ScaleOut__InstanceId", InstanceIdOf(index));
        return RunningWebProcess.StartAsync(own);
    }

    /// <summary>The <c>ScaleOut:InstanceId</c> of instance <paramref name="index"/>: <c>instance{index+1}</c>.</summary>
    public static string InstanceIdOf(int index) => $"instance{index + 1}";

    /// <summary>Signs in through dev-login on that instance (creating the user on first use).</summary>
    public Task<ApiClient> LoginAsync(int instance, string login) => ApiClient.LoginAsync(Instances[instance].CreateClient(), login);

    /// <summary>A chat connection of <paramref name="user"/> to that instance, listening for every chat event, set up.</summary>
    public Task<HubClient> ConnectChatAsync(int instance, ApiClient user) =>
        HubClient.ConnectAsync(Instances[instance].BaseAddress, user.AccessToken, ChatTestKit.HubPath, ChatTestKit.AllEvents);

    /// <summary>Waits (up to <paramref name="within"/>) until <paramref name="condition"/> holds; fails with every instance's output.</summary>
    public Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        ReadEventuallyAsync(condition, held => held, within, what);

    /// <summary>
    /// Reads until <paramref name="done"/> holds for what was read (up to <paramref name="within"/>) and returns it;
    /// fails with the last value read and every instance's output.
    /// </summary>
    public async Task<T> ReadEventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        try
        {
            return await Eventually.ReadAsync(read, done, what, within);
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}\n{Output}");
            throw;
        }
    }

    /// <summary>Kills instance <paramref name="index"/> as a crash would (SIGKILL: nothing said to Redis or anyone).</summary>
    public async Task KillAsync(int index) => await Instances[index].DisposeAsync();

    /// <summary>Stops every instance (those already killed too: a second dispose does nothing) and Redis.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var instance in Instances)
            {
                await instance.DisposeAsync();
            }
        }
        finally
        {
            await Redis.DisposeAsync();
        }
    }
}
