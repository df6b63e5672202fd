using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Games;
using Transcendence.Infrastructure.Games;
using Transcendence.Infrastructure.IntegrationTests.Presence;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Presence;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Games;

/// <summary>
/// The Redis twin on a throwaway redis-server. Each cluster has a key prefix of its own (its queue starts empty);
/// each instance in it has its own connection, id and alive lease, renewed once by a real presence tracker
/// (long enough for the test; a test kills an instance by deleting its alive key).
/// </summary>
public sealed class RedisGameDirectoryTests : GameDirectoryContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private RedisTestServer _server = null!;
    private readonly List<IDisposable> _owned = [];

    [OneTimeSetUp]
    public async Task StartRedis() => _server = await RedisTestServer.StartAsync();

    [OneTimeTearDown]
    public Task StopRedis() => _server.DisposeAsync().AsTask();

    [TearDown]
    public void CloseInstances()
    {
        // The directories and trackers first, then the connections they use.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    protected override async Task<IReadOnlyList<IGameDirectory>> NewClusterAsync(int instances)
    {
        var prefix = NewPrefix();
        var cluster = new List<IGameDirectory>();
        for (var i = 0; i < instances; i++)
        {
            cluster.Add((await InstanceAsync(prefix)).Directory);
        }

        return cluster;
    }

    [Test]
    public async Task Instances_share_one_queue_and_the_claimer_learns_the_room_and_its_owner()
    {
        var prefix = NewPrefix();
        var (one, other) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        var (alice, bob, room) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await one.Directory.JoinQueueAsync(alice, GameMode.Classic, room, [], None);

        (await other.Directory.JoinQueueAsync(bob, GameMode.Classic, Guid.NewGuid(), [], None))
            .ShouldBe(new QueueTicket.Matched(room, one.Id, alice));

        (await other.Directory.OwnerOfAsync(room, None)).ShouldBe(one.Id);
        (await other.Directory.SeatOfAsync(alice, None)).ShouldBe(new RoomPlace(room, one.Id));
        (await one.Directory.SeatOfAsync(bob, None)).ShouldBe(new RoomPlace(room, one.Id));

        var opened = Guid.NewGuid();
        one.Directory.RoomOpened(opened);
        await one.Directory.SeatOfAsync(alice, None); // a later read from the writer: its write has landed
        (await other.Directory.OwnerOfAsync(opened, None)).ShouldBe(one.Id);
    }

    [Test]
    public async Task Each_instance_lists_the_live_games_the_others_published_and_not_its_own()
    {
        var prefix = NewPrefix();
        var (one, other) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        var alice = new UserRef(Guid.NewGuid(), "alice");
        var (here, there) = (Game(alice), Game(new UserRef(Guid.NewGuid(), "bob")));

        one.Directory.PublishLiveGames([here]);
        other.Directory.PublishLiveGames([there]);

        var seen = await Eventually.ReadAsync(() => other.Directory.OtherInstancesLiveGamesAsync(None), games => games.Count > 0, "the other instance's snapshot shows");
        var game = seen.ShouldHaveSingleItem();
        (game.RoomId, game.Mode, game.Phase, game.Spectators).ShouldBe((here.RoomId, here.Mode, here.Phase, here.Spectators));
        game.Players.ShouldBe([alice]);
        game.Score.ShouldBe([3, 1]);
        (await one.Directory.OtherInstancesLiveGamesAsync(None)).ShouldHaveSingleItem().RoomId.ShouldBe(there.RoomId);

        one.Directory.PublishLiveGames([]);
        await Eventually.HoldsAsync(async () => (await other.Directory.OtherInstancesLiveGamesAsync(None)).Count == 0, "a new snapshot replaces the last");
    }

    [Test]
    public async Task An_instance_whose_alive_key_is_gone_is_dead()
    {
        var prefix = NewPrefix();
        var (dying, living) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        (await living.Directory.DeadAmongAsync([dying.Id, living.Id], None)).ShouldBeEmpty();

        await dying.DieAsync();

        (await living.Directory.DeadAmongAsync([dying.Id, living.Id, "never-seen"], None)).ShouldBe([dying.Id, "never-seen"], ignoreOrder: true);
    }

    [Test]
    public async Task A_claim_passes_over_the_waiting_room_of_a_dead_owner()
    {
        var prefix = NewPrefix();
        var (dying, living) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        await dying.Directory.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None);

        await dying.DieAsync();

        (await living.Directory.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None)).ShouldBe(new QueueTicket.Opened());
    }

    [Test]
    public async Task A_dead_owners_seats_rooms_queue_entries_watchers_and_games_are_forgotten_once_and_nothing_else()
    {
        var prefix = NewPrefix();
        var (dying, living) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        var (waiting, host, guest, watcher, player) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (waitingRoom, deadRoom, livingRoom) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // The dying instance: a room waiting in the queue, a room with a host and a guest seated from elsewhere, a watcher.
        await dying.Directory.JoinQueueAsync(waiting, GameMode.Classic, waitingRoom, [], None);
        dying.Directory.RoomOpened(deadRoom);
        await dying.Directory.TryTakeSeatAsync(host, deadRoom, dying.Id, None);
        await living.Directory.TryTakeSeatAsync(guest, deadRoom, dying.Id, None);
        dying.Directory.Watching(watcher, deadRoom, true);
        dying.Directory.PublishLiveGames([Game(new UserRef(host, "host"))]);
        // The living instance: a room with a player, watched by the same watcher, and its own games.
        living.Directory.RoomOpened(livingRoom);
        await living.Directory.TryTakeSeatAsync(player, livingRoom, living.Id, None);
        living.Directory.Watching(watcher, livingRoom, true);
        living.Directory.PublishLiveGames([Game(new UserRef(player, "player"))]);
        await dying.Directory.SeatOfAsync(host, None);
        await living.Directory.SeatOfAsync(player, None);

        await dying.DieAsync();
        await living.Directory.ForgetDeadOwnersAsync(None);

        var fresh = (await InstanceAsync(prefix)).Directory; // nothing cached
        foreach (var user in new[] { waiting, host, guest })
        {
            (await fresh.SeatOfAsync(user, None)).ShouldBeNull("a dead owner's players may queue again");
        }

        (await fresh.OwnerOfAsync(waitingRoom, None)).ShouldBeNull();
        (await fresh.OwnerOfAsync(deadRoom, None)).ShouldBeNull();
        (await fresh.RoomsOfAsync(watcher, None)).ShouldBe([new RoomPlace(livingRoom, living.Id)]);
        (await fresh.OtherInstancesLiveGamesAsync(None)).ShouldHaveSingleItem().Players.ShouldBe([new UserRef(player, "player")]);
        (await fresh.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None))
            .ShouldBe(new QueueTicket.Opened(), "the dead owner's waiting room left the queue");

        await living.Directory.ForgetDeadOwnersAsync(None);
        await fresh.ForgetDeadOwnersAsync(None);
        (await fresh.SeatOfAsync(player, None)).ShouldBe(new RoomPlace(livingRoom, living.Id), "a living owner's seats stay");
        (await fresh.OwnerOfAsync(livingRoom, None)).ShouldBe(living.Id);
    }

    [Test]
    public async Task Changes_made_while_Redis_is_down_are_sent_in_order_once_it_is_back()
    {
        await using var server = await RedisTestServer.StartAsync();
        var prefix = NewPrefix();
        var writer = await InstanceAsync(prefix, server.Endpoint);
        var (opened, openedThenClosed, alice) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await server.StopAsync();
        await Eventually.HoldsAsync(() => !writer.ScaleOut.Redis.IsConnected, "the connection notices Redis is gone");
        writer.Directory.RoomOpened(opened);
        writer.Directory.RoomOpened(openedThenClosed);
        writer.Directory.RoomClosed(openedThenClosed);
        writer.Directory.Watching(alice, opened, true);

        await server.RestartAsync();
        await RedisKit.UntilConnectedAsync(writer.ScaleOut);
        var reader = await InstanceAsync(prefix, server.Endpoint);
        await Eventually.HoldsAsync(async () =>
        {
            writer.Directory.PublishLiveGames([]); // the writer's beat: kept changes go first
            return await reader.Directory.OwnerOfAsync(opened, None) is not null;
        }, "the kept changes reach Redis");

        (await reader.Directory.OwnerOfAsync(opened, None)).ShouldBe(writer.Id);
        (await reader.Directory.OwnerOfAsync(openedThenClosed, None)).ShouldBeNull("the close followed the open");
        (await reader.Directory.RoomsOfAsync(alice, None)).ShouldBe([new RoomPlace(opened, writer.Id)]);
    }

    [TestCase(true, TestName = "An_owner_writes_its_part_again_after_Redis_restarted_empty")]
    [TestCase(false, TestName = "An_owner_writes_its_part_again_after_another_instance_forgot_it_as_dead")]
    public async Task An_owner_writes_its_part_again_once_the_directory_lost_it(bool flushed)
    {
        var prefix = NewPrefix();
        var (owner, other) = (await InstanceAsync(prefix), await InstanceAsync(prefix));
        var (host, laterHost, player, guest, watcher) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (waiting, laterWaiting, game, elsewhere) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // The owner: two rooms waiting in the queue (opened in that order), a game with two players and a watcher.
        (await owner.Directory.JoinQueueAsync(host, GameMode.Classic, waiting, [], None)).ShouldBe(new QueueTicket.Opened());
        (await owner.Directory.JoinQueueAsync(laterHost, GameMode.Classic, laterWaiting, [host], None)).ShouldBe(new QueueTicket.Opened());
        owner.Directory.RoomOpened(game);
        await owner.Directory.TryTakeSeatAsync(player, game, owner.Id, None);
        await owner.Directory.TryTakeSeatAsync(guest, game, owner.Id, None);
        owner.Directory.Watching(watcher, game, true);
        (await owner.Directory.MustRestateAsync(None)).ShouldBeTrue("an instance that never wrote its part writes it once");
        IReadOnlyList<OwnedRoom> part =
        [
            new(waiting, [host], [], GameMode.Classic),
            new(laterWaiting, [laterHost], [], GameMode.Classic),
            new(game, [player, guest], [watcher], null),
        ];
        owner.Directory.Restate(part);
        (await owner.Directory.MustRestateAsync(None)).ShouldBeFalse("its part is stated");

        if (flushed)
        {
            // Redis restarted without persistence: every key is gone (this cluster's, under its prefix), leases too.
            await owner.ScaleOut.Redis.GetDatabase().ScriptEvaluateAsync(
                "for _, key in ipairs(redis.call('KEYS', ARGV[1] .. '*')) do redis.call('DEL', key) end", values: [prefix]);
        }
        else
        {
            // A network cut longer than the lease: another instance forgot the owner, which lives on.
            await owner.DieAsync();
            await other.Directory.ForgetDeadOwnersAsync(None);
        }

        await owner.RenewAsync(); // the presence tracker sets the lease again (its business)
        await other.RenewAsync();
        var fresh = (await InstanceAsync(prefix)).Directory; // nothing cached
        (await fresh.OwnerOfAsync(game, None)).ShouldBeNull("the directory lost the owner's part");
        (await fresh.TryTakeSeatAsync(guest, elsewhere, fresh.InstanceId, None)).ShouldBeTrue("meanwhile, a seat taken elsewhere");

        (await owner.Directory.MustRestateAsync(None)).ShouldBeTrue();
        owner.Directory.Restate(part);
        owner.Directory.Restate(part); // twice changes nothing more
        (await owner.Directory.MustRestateAsync(None)).ShouldBeFalse();

        (await fresh.OwnerOfAsync(game, None)).ShouldBe(owner.Id, "members on other instances reach the room again");
        (await fresh.OwnerOfAsync(waiting, None)).ShouldBe(owner.Id);
        (await fresh.SeatOfAsync(player, None)).ShouldBe(new RoomPlace(game, owner.Id));
        (await fresh.TryTakeSeatAsync(player, elsewhere, fresh.InstanceId, None)).ShouldBeFalse("the player's seat is busy again");
        (await fresh.SeatOfAsync(guest, None)).ShouldBe(new RoomPlace(elsewhere, fresh.InstanceId), "a seat pointing elsewhere is left alone");
        (await fresh.RoomsOfAsync(watcher, None)).ShouldBe([new RoomPlace(game, owner.Id)]);
        (await fresh.JoinQueueAsync(host, GameMode.Classic, Guid.NewGuid(), [], None)).ShouldBe(new QueueTicket.Busy());
        (await fresh.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None))
            .ShouldBe(new QueueTicket.Matched(waiting, owner.Id, host), "the waiting rooms are matched again, oldest first");
        (await fresh.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None))
            .ShouldBe(new QueueTicket.Matched(laterWaiting, owner.Id, laterHost));
        (await fresh.JoinQueueAsync(Guid.NewGuid(), GameMode.Classic, Guid.NewGuid(), [], None))
            .ShouldBe(new QueueTicket.Opened(), "each waiting room was listed once");

        // Forgetting the owner again (it really died now) forgets what it stated.
        await owner.DieAsync();
        await other.Directory.ForgetDeadOwnersAsync(None);
        (await fresh.SeatOfAsync(player, None)).ShouldBeNull();
        (await fresh.RoomsOfAsync(watcher, None)).ShouldBeEmpty();
    }

    [Test]
    public async Task After_Redis_restarted_empty_a_lease_not_yet_renewed_declares_nobody_dead()
    {
        await using var server = await RedisTestServer.StartAsync();
        var prefix = NewPrefix();
        var (watcher, owner) = (await InstanceAsync(prefix, server.Endpoint), await InstanceAsync(prefix, server.Endpoint));

        await server.RestartAsync();
        await RedisKit.UntilConnectedAsync(watcher.ScaleOut);
        (await watcher.ScaleOut.Redis.GetDatabase().KeyExistsAsync(owner.ScaleOut.AliveKey(owner.Id))).ShouldBeFalse("Redis came back empty");

        // The owner lives on and renews its lease within a third of it: until a lease time has passed, that proves nothing.
        await Eventually.HoldsAsync(
            async () => (await watcher.Directory.DeadAmongAsync([owner.Id], None)).Count == 0,
            "an instance whose lease Redis forgot is not declared dead at once");
    }

    private static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    private static LiveGame Game(UserRef player) => new(Guid.NewGuid(), "classic", "playing", [player], [3, 1], 2);

    private async Task<Instance> InstanceAsync(string prefix, string? endpoint = null)
    {
        var options = RedisKit.Options(endpoint ?? _server.Endpoint, leaseTtl: TimeSpan.FromMinutes(1));
        options.KeyPrefix = prefix;
        var scaleOut = new RedisScaleOut(Options.Create(options), NullLogger<RedisScaleOut>.Instance);
        _owned.Add(scaleOut);
        var presence = RedisPresenceTrackerTests.Instance(scaleOut, options.LeaseTtl);
        _owned.Add(presence);
        var alive = scaleOut.AliveKey(scaleOut.InstanceId);
        await Eventually.HoldsAsync(async () =>
        {
            await presence.RenewAsync(None);
            return await scaleOut.Redis.GetDatabase().KeyExistsAsync(alive);
        }, $"the presence tracker renews {alive}");
        var directory = new RedisGameDirectory(scaleOut, Options.Create(options), NullLogger<RedisGameDirectory>.Instance);
        _owned.Add(directory);
        return new Instance(scaleOut, directory, presence);
    }

    private sealed record Instance(RedisScaleOut ScaleOut, RedisGameDirectory Directory, RedisPresenceTracker Presence)
    {
        public string Id => ScaleOut.InstanceId;

        /// <summary>Its presence tracker renews (or sets again) its lease.</summary>
        public async Task RenewAsync()
        {
            await Presence.RenewAsync(None);
            (await ScaleOut.Redis.GetDatabase().KeyExistsAsync(ScaleOut.AliveKey(Id))).ShouldBeTrue();
        }

        /// <summary>Its lease lapses at once (the test stands in for the time passing).</summary>
        public async Task DieAsync() => (await ScaleOut.Redis.GetDatabase().KeyDeleteAsync(ScaleOut.AliveKey(Id))).ShouldBeTrue();
    }
}
