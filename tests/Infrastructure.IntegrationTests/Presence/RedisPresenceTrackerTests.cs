using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Presence;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Presence;

/// <summary>The Redis twin on a throwaway redis-server; every tracker made here is one more instance of the app.</summary>
public sealed class RedisPresenceTrackerTests : PresenceTrackerContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private RedisInstances _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisInstances.StartAsync();

    [OneTimeTearDown]
    public Task StopRedis() => _redis.DisposeAsync().AsTask();

    protected override IPresenceTracker NewTracker() => Instance();

    internal static RedisPresenceTracker Instance(RedisScaleOut scaleOut, TimeSpan? leaseTtl = null) =>
        new(scaleOut, Options.Create(new ScaleOutOptions { LeaseTtl = leaseTtl ?? TimeSpan.FromSeconds(1) }), NullLogger<RedisPresenceTracker>.Instance);

    private RedisPresenceTracker Instance() => Instance(_redis.Connect());

    [Test]
    public async Task A_user_held_by_two_instances_is_online_until_both_let_go_and_only_the_real_flips_are_reported()
    {
        var (a, b, watcher) = (Instance(), Instance(), Instance());
        await Task.WhenAll(a.RenewAsync(None), b.RenewAsync(None), watcher.RenewAsync(None));
        var alice = Guid.NewGuid();

        (await a.ArrivedAsync(alice, None)).ShouldBeTrue("the first instance brings her online");
        (await b.ArrivedAsync(alice, None)).ShouldBeFalse("a second instance changes nothing");
        await Eventually.HoldsAsync(() => watcher.StatusOf(alice) == UserStatus.Online, "an instance holding nothing of hers sees her online");

        (await a.LeftAsync(alice, None)).ShouldBeFalse("the other instance still holds her");
        b.StatusOf(alice).ShouldBe(UserStatus.Online);
        (await b.SetInGameAsync(alice, true, None)).ShouldBeTrue();
        await Eventually.HoldsAsync(() => a.StatusOf(alice) == UserStatus.InGame, "in-game shows on every instance");
        (await a.SetInGameAsync(alice, false, None)).ShouldBeTrue("the game ended, whichever instance says so");
        (await b.LeftAsync(alice, None)).ShouldBeTrue("the last instance lets her go");
        await Eventually.HoldsAsync(() => watcher.StatusOf(alice) == UserStatus.Offline, "every instance sees her offline");
    }

    [Test]
    public async Task An_instance_that_stops_renewing_its_lease_is_counted_out_by_the_sweep()
    {
        // A Redis of its own: nothing another test left behind is there to be swept.
        await using var redis = await RedisInstances.StartAsync();
        var longLease = TimeSpan.FromMinutes(1);
        var (dying, living, sweeper) = (Instance(redis.Connect()), Instance(redis.Connect(), longLease), Instance(redis.Connect(), longLease));
        await Task.WhenAll(dying.RenewAsync(None), living.RenewAsync(None), sweeper.RenewAsync(None));
        var (alone, shared) = (Guid.NewGuid(), Guid.NewGuid());
        await dying.ArrivedAsync(alone, None);
        await dying.ArrivedAsync(shared, None);
        await living.ArrivedAsync(shared, None);

        (await sweeper.SweepAsync(None)).ShouldNotContain(alone, "a live instance is not swept");

        // The dying instance renews no more: within its lease time it is counted out, and only who it alone held goes.
        var flipped = await Eventually.ReadAsync(
            () => sweeper.SweepAsync(None), users => users.Count > 0, "the sweep counts the silent instance out", TimeSpan.FromSeconds(10));
        flipped.ShouldBe([alone]);
        sweeper.StatusOf(alone).ShouldBe(UserStatus.Offline);
        await Eventually.HoldsAsync(() => living.StatusOf(alone) == UserStatus.Offline, "every instance hears it");
        living.StatusOf(shared).ShouldBe(UserStatus.Online);
        (await sweeper.SweepAsync(None)).ShouldBeEmpty("an instance is counted out once");
    }

    [Test]
    public async Task After_Redis_restarts_empty_each_instance_writes_its_part_again_and_nobody_stays_online_for_it()
    {
        await using var redis = await RedisTestServer.StartAsync();
        using var firstConnection = RedisKit.Connect(redis.Endpoint);
        using var secondConnection = RedisKit.Connect(redis.Endpoint);
        var (first, second) = (Instance(firstConnection), Instance(secondConnection));
        await Task.WhenAll(first.RenewAsync(None), second.RenewAsync(None));
        var (leaving, arriving) = (Guid.NewGuid(), Guid.NewGuid());
        await first.ArrivedAsync(leaving, None);
        await second.ArrivedAsync(Guid.NewGuid(), None);
        await Eventually.HoldsAsync(() => second.StatusOf(leaving) == UserStatus.Online, "the second instance sees her online");

        await redis.StopAsync();
        await Eventually.HoldsAsync(() => !firstConnection.Redis.IsConnected, "the connection notices Redis is gone");
        (await first.LeftAsync(leaving, None)).ShouldBeFalse("nothing is announced while Redis is away");
        (await first.ArrivedAsync(arriving, None)).ShouldBeFalse();
        first.StatusOf(arriving).ShouldBe(UserStatus.Online, "the instance shows whom it holds itself");

        await redis.RestartAsync();
        await RedisKit.UntilConnectedAsync(firstConnection);
        await RedisKit.UntilConnectedAsync(secondConnection);
        var flipped = await Eventually.ReadAsync(
            () => first.RenewAsync(None), users => users.Count > 0, "the first instance writes what it holds again");
        flipped.ShouldBe([arriving]);
        await Eventually.ReadAsync(() => second.RenewAsync(None), _ => second.StatusOf(leaving) == UserStatus.Offline,
            "the second instance reads the whole picture again: the one who left during the outage is offline");
        await Eventually.HoldsAsync(() => second.StatusOf(arriving) == UserStatus.Online, "and the one who arrived is online");

        // Flips made after the restart are heard as before: their numbers go on from where the caches were.
        var later = Guid.NewGuid();
        (await first.ArrivedAsync(later, None)).ShouldBeTrue();
        await Eventually.HoldsAsync(() => second.StatusOf(later) == UserStatus.Online, "a later arrival shows on the other instance");
    }
}
