using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Leases;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Leases;

/// <summary>What every <see cref="ISingletonLeases"/> promises to the instance that asks. Run against both twins.</summary>
public abstract class SingletonLeasesContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The leases of one instance of the app.</summary>
    protected abstract ISingletonLeases Leases();

    [Test]
    public async Task The_work_runs_and_is_cancelled_when_the_instance_stops()
    {
        using var stopping = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = Leases().RunWhileHeldAsync("sweeper", async token =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        }, stopping.Token);

        await started.Task.WaitAsync(Patience);
        run.IsCompleted.ShouldBeFalse();
        await stopping.CancelAsync();

        await run.WaitAsync(Patience);
    }

    [Test]
    public async Task Work_that_ends_ends_the_call_and_the_lease_can_be_held_again()
    {
        var leases = Leases();
        var runs = 0;

        await leases.RunWhileHeldAsync("once", _ => Task.FromResult(Interlocked.Increment(ref runs)), CancellationToken.None).WaitAsync(Patience);
        await leases.RunWhileHeldAsync("once", _ => Task.FromResult(Interlocked.Increment(ref runs)), CancellationToken.None).WaitAsync(Patience);

        runs.ShouldBe(2);
    }

    [Test]
    public async Task A_failure_of_the_work_reaches_the_caller()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(
            Leases().RunWhileHeldAsync("failing", _ => throw new InvalidOperationException("broken"), CancellationToken.None).WaitAsync(Patience));

        failure.Message.ShouldBe("broken");
    }
}

public sealed class InProcessSingletonLeasesTests : SingletonLeasesContract
{
    protected override ISingletonLeases Leases() => new InProcessSingletonLeases();
}

/// <summary>The Redis twin on a throwaway redis-server; every <see cref="Instance"/> is one more instance of the app.</summary>
public sealed class RedisSingletonLeasesTests : SingletonLeasesContract
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);
    private RedisInstances _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisInstances.StartAsync();

    [OneTimeTearDown]
    public Task StopRedis() => _redis.DisposeAsync().AsTask();

    protected override ISingletonLeases Leases() => Instance(_redis.Server.Endpoint, Guid.NewGuid().ToString("N")).Leases;

    private (RedisScaleOut ScaleOut, RedisSingletonLeases Leases) Instance(string endpoint, string id)
    {
        var scaleOut = _redis.Connect(endpoint, id, Ttl);
        return (scaleOut, new RedisSingletonLeases(scaleOut, Options.Create(RedisKit.Options(endpoint, id, Ttl)), NullLogger<RedisSingletonLeases>.Instance));
    }

    [Test]
    public async Task Of_two_instances_one_runs_the_work_and_the_other_takes_over_when_it_stops()
    {
        var journal = new ConcurrentQueue<string>();
        var a = Instance(_redis.Server.Endpoint, "a");
        var b = Instance(_redis.Server.Endpoint, "b");
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.Leases.RunWhileHeldAsync("pair", Work("a", journal), stopA.Token);
        await Eventually.HoldsAsync(() => journal.Contains("a started"), "a holds the lease");
        var runB = b.Leases.RunWhileHeldAsync("pair", Work("b", journal), stopB.Token);

        // While a renews its lease (seen as its expiry moving forward twice), b keeps trying and does not run.
        await Eventually.RenewedAsync(a.ScaleOut.Redis.GetDatabase(), a.ScaleOut.Key("lease:pair"), times: 2);
        journal.ShouldBe(["a started"]);

        await stopA.CancelAsync();
        await runA.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => journal.Contains("b started"), "b takes over once a released it");
        journal.ShouldBe(["a started", "a stopped", "b started"]);
        (await b.ScaleOut.Redis.GetDatabase().StringGetAsync(b.ScaleOut.Key("lease:pair"))).ToString().ShouldBe("b");

        await stopB.CancelAsync();
        await runB.WaitAsync(TimeSpan.FromSeconds(30));
        (await b.ScaleOut.Redis.GetDatabase().KeyExistsAsync(b.ScaleOut.Key("lease:pair"))).ShouldBeFalse();
    }

    [Test]
    public async Task A_holder_cut_off_from_Redis_stops_its_work_before_another_takes_over_when_its_lease_expires()
    {
        var journal = new ConcurrentQueue<string>();
        var (host, port) = (_redis.Server.Endpoint.Split(':')[0], int.Parse(_redis.Server.Endpoint.Split(':')[1]));
        await using var relay = TcpRelay.To(host, port);
        var a = Instance($"127.0.0.1:{relay.Port}", "cut-a");
        var b = Instance(_redis.Server.Endpoint, "cut-b");
        using var stop = new CancellationTokenSource();
        var runA = a.Leases.RunWhileHeldAsync("cut", Work("a", journal), stop.Token);
        await Eventually.HoldsAsync(() => journal.Contains("a started"), "a holds the lease");
        var runB = b.Leases.RunWhileHeldAsync("cut", Work("b", journal), stop.Token);

        // As if a's machine vanished: it can neither renew nor release; its key stays until it expires.
        relay.Cut();

        await Eventually.HoldsAsync(() => journal.Contains("b started"), "b takes over once a's lease expired");
        journal.ShouldBe(["a started", "a stopped", "b started"]);
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Work that notes when it starts and when it has stopped, and runs until cancelled.</summary>
    private static Func<CancellationToken, Task> Work(string who, ConcurrentQueue<string> journal) => async token =>
    {
        journal.Enqueue($"{who} started");
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        finally
        {
            journal.Enqueue($"{who} stopped");
        }
    };
}

/// <summary>The Redis twin while Redis is down: nobody can hold a lease, so the holder stops and starts again when Redis is back.</summary>
public sealed class RedisSingletonLeasesOutageTests
{
    [Test]
    public async Task The_holder_stops_its_work_when_Redis_goes_down_and_runs_it_again_when_Redis_is_back()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var options = RedisKit.Options(redis.Endpoint, "lonely", TimeSpan.FromSeconds(1));
        using var scaleOut = RedisKit.Connect(redis.Endpoint, "lonely", TimeSpan.FromSeconds(1));
        var leases = new RedisSingletonLeases(scaleOut, Options.Create(options), NullLogger<RedisSingletonLeases>.Instance);
        var starts = 0;
        var stops = 0;
        using var stopping = new CancellationTokenSource();
        var run = leases.RunWhileHeldAsync("outage", async token =>
        {
            Interlocked.Increment(ref starts);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                Interlocked.Increment(ref stops);
            }
        }, stopping.Token);
        await Eventually.HoldsAsync(() => Volatile.Read(ref starts) == 1, "the work runs");

        await redis.StopAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref stops) == 1, "the work stops once the lease cannot be renewed");

        await redis.RestartAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref starts) == 2, "the work runs again once Redis is back");
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
