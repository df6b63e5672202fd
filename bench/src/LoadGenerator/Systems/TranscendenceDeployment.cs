using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>
/// The app as the scenarios drive it: one instance (today's process), or, scaled out the way
/// scripts/cluster.sh deploys it, N instances on one PostgreSQL and one throwaway redis-server
/// (<c>ConnectionStrings:Redis</c>, <c>ScaleOut:InstanceId</c> instance1..N, one signing key). Clients connect
/// to the instances directly, member i to instance i mod N (no proxy: its hop would be the load generator's
/// cost on the same cores, and affinity would hide where each client lands). One instance with Redis on is the
/// publish cost alone: every send is published though no other instance listens.
/// </summary>
public sealed class TranscendenceDeployment : IAsyncDisposable
{
    private readonly List<ServerProcess> _instances;

    private TranscendenceDeployment(List<ServerProcess> instances, BenchRedis? redis)
    {
        _instances = instances;
        Redis = redis;
    }

    public IReadOnlyList<ServerProcess> Instances => _instances;

    public BenchRedis? Redis { get; }

    /// <summary>Instance 1: where the HTTP set-up calls go (every instance shares the database).</summary>
    public ServerProcess First => _instances[0];

    /// <summary>The instance client <paramref name="index"/> connects to: round-robin over the instances.</summary>
    public Uri AddressOf(int index) => _instances[index % _instances.Count].BaseAddress;

    /// <summary>"", " + Redis" (one instance, bus on) or ", 2 instances + Redis": appended to a system's name.</summary>
    public string Suffix => Redis is null ? "" : _instances.Count == 1 ? " + Redis" : $", {_instances.Count} instances + Redis";

    public ServerMeter StartMeter() => ServerMeter.Start(_instances, Redis?.Pid, Redis is null ? null : Redis.Counters);

    /// <summary>
    /// <paramref name="instances"/> app processes; on Redis when <paramref name="redis"/> (always with more than one).
    /// The in-memory store cannot scale out (each process would hold its own users): refused here.
    /// </summary>
    public static async Task<TranscendenceDeployment> StartAsync(
        BenchContext context, Store store, int instances, bool redis, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        redis |= instances > 1;
        if (redis && store == Store.InMemory)
        {
            throw new ArgumentException("the in-memory store cannot run on Redis or on several instances (each process would hold its own users): use the postgres system");
        }

        if (!redis)
        {
            return new TranscendenceDeployment([await TranscendenceServer.StartAsync(context, store, cancellationToken, extraSettings)], null);
        }

        var bus = await BenchRedis.StartAsync();
        var started = new List<ServerProcess>();
        try
        {
            var settings = new Dictionary<string, string>(extraSettings ?? new Dictionary<string, string>())
            {
                ["ConnectionStrings__Redis"] = bus.ConnectionString,
                // One Data Protection key ring for the cluster, as the Postgres store's table gives a real deployment.
                ["DataProtection__KeysPath"] = Path.Combine(context.LogDirectory, $"keys-cluster-{Guid.NewGuid():N}"),
            };
            settings["ConnectionStrings__Postgres"] = extraSettings?.GetValueOrDefault("ConnectionStrings__Postgres") ?? await BenchPostgres.CreateDatabaseAsync();
            // One at a time: the first migrates the database before the others start.
            for (var i = 1; i <= instances; i++)
            {
                settings["ScaleOut__InstanceId"] = $"instance{i}";
                started.Add(await TranscendenceServer.StartAsync(context, store, cancellationToken, settings));
            }

            return new TranscendenceDeployment(started, bus);
        }
        catch
        {
            foreach (var instance in started)
            {
                await instance.DisposeAsync();
            }

            await bus.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
