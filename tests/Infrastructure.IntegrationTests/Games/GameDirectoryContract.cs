using System.Collections.Concurrent;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;
using Transcendence.Infrastructure.Games;

namespace Transcendence.Infrastructure.IntegrationTests.Games;

/// <summary>
/// What every <see cref="IGameDirectory"/> promises, run against both twins: each test gets a cluster of its own,
/// empty, and its instances' directories (in-process: the one instance, as often as asked; Redis: one connection and
/// instance id each, on one server).
/// </summary>
public abstract class GameDirectoryContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A new, empty cluster of <paramref name="instances"/> instances, each alive; their directories.</summary>
    protected abstract Task<IReadOnlyList<IGameDirectory>> NewClusterAsync(int instances);

    private async Task<IGameDirectory> NewDirectoryAsync() => (await NewClusterAsync(1))[0];

    private static Task<QueueTicket> Join(IGameDirectory directory, Guid userId, params Guid[] excluded) =>
        directory.JoinQueueAsync(userId, GameMode.Classic, Guid.NewGuid(), excluded, None);

    [Test]
    public async Task Nobody_waiting_lists_the_prepared_room_owned_here_and_seats_the_caller_in_it()
    {
        var directory = await NewDirectoryAsync();
        var (alice, room) = (Guid.NewGuid(), Guid.NewGuid());

        (await directory.JoinQueueAsync(alice, GameMode.Classic, room, [], None)).ShouldBe(new QueueTicket.Opened());

        (await directory.SeatOfAsync(alice, None)).ShouldBe(new RoomPlace(room, directory.InstanceId));
        (await directory.OwnerOfAsync(room, None)).ShouldBe(directory.InstanceId);
    }

    [Test]
    public async Task A_caller_who_holds_a_seat_is_busy_and_nothing_changes()
    {
        var directory = await NewDirectoryAsync();
        var (alice, seated) = (Guid.NewGuid(), Guid.NewGuid());
        (await directory.TryTakeSeatAsync(seated, Guid.NewGuid(), directory.InstanceId, None)).ShouldBeTrue();
        var seat = await directory.SeatOfAsync(seated, None);
        (await Join(directory, alice)).ShouldBe(new QueueTicket.Opened());

        (await Join(directory, seated)).ShouldBe(new QueueTicket.Busy(), "seated elsewhere");
        (await Join(directory, alice)).ShouldBe(new QueueTicket.Busy(), "already waiting");

        (await directory.SeatOfAsync(seated, None)).ShouldBe(seat);
        (await Join(directory, Guid.NewGuid())).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(alice, "the busy caller listed nothing");
    }

    [Test]
    public async Task A_caller_is_matched_with_the_waiting_host_and_takes_a_seat_in_their_room_once()
    {
        var directory = await NewDirectoryAsync();
        var (alice, bob, room) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await directory.JoinQueueAsync(alice, GameMode.Classic, room, [], None);

        (await Join(directory, bob)).ShouldBe(new QueueTicket.Matched(room, directory.InstanceId, alice));

        (await directory.SeatOfAsync(bob, None)).ShouldBe(new RoomPlace(room, directory.InstanceId));
        (await directory.SeatOfAsync(alice, None)).ShouldBe(new RoomPlace(room, directory.InstanceId), "the host keeps their seat");
        (await Join(directory, Guid.NewGuid())).ShouldBe(new QueueTicket.Opened(), "the claimed entry is no longer waiting");
    }

    [Test]
    public async Task The_oldest_waiting_host_is_matched_first()
    {
        var directory = await NewDirectoryAsync();
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Hosts who exclude each other all wait.
        await Join(directory, first);
        await Join(directory, second, first);
        await Join(directory, third, first, second);

        (await Join(directory, Guid.NewGuid())).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(first);
        (await Join(directory, Guid.NewGuid())).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(second);
        (await Join(directory, Guid.NewGuid())).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(third);
    }

    [Test]
    public async Task Excluded_hosts_are_skipped_and_stay_waiting_for_someone_else()
    {
        var directory = await NewDirectoryAsync();
        var (blocked, other, caller) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Join(directory, blocked);

        (await Join(directory, other, blocked)).ShouldBe(new QueueTicket.Opened(), "the only waiting host is excluded");
        (await Join(directory, caller, blocked)).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(other, "the excluded older host is passed over");
        (await Join(directory, Guid.NewGuid())).ShouldBeOfType<QueueTicket.Matched>().HostId.ShouldBe(blocked, "and still waits");
    }

    [Test]
    public async Task A_host_is_never_matched_with_themself()
    {
        var directory = await NewDirectoryAsync();
        var (alice, room) = (Guid.NewGuid(), Guid.NewGuid());
        await directory.JoinQueueAsync(alice, GameMode.Classic, room, [], None);
        // Her seat freed while her room is still listed (the owner has not closed it yet).
        directory.ReleaseSeat(alice, room);

        (await Join(directory, alice)).ShouldBe(new QueueTicket.Opened());
    }

    [Test]
    public async Task Each_mode_has_its_own_queue()
    {
        var directory = await NewDirectoryAsync();
        await Join(directory, Guid.NewGuid());

        (await directory.JoinQueueAsync(Guid.NewGuid(), GameMode.Speed, Guid.NewGuid(), [], None)).ShouldBe(new QueueTicket.Opened());
    }

    [Test]
    public async Task A_closed_room_leaves_the_queue_and_has_no_owner()
    {
        var directory = await NewDirectoryAsync();
        var (alice, room) = (Guid.NewGuid(), Guid.NewGuid());
        await directory.JoinQueueAsync(alice, GameMode.Classic, room, [], None);

        directory.RoomClosed(room);

        (await Join(directory, Guid.NewGuid())).ShouldBe(new QueueTicket.Opened());
        (await directory.OwnerOfAsync(room, None)).ShouldBeNull();
    }

    [Test]
    public async Task A_seat_is_taken_when_free_or_already_that_room_and_released_only_for_that_room()
    {
        var directory = await NewDirectoryAsync();
        var (alice, room, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        (await directory.TryTakeSeatAsync(alice, room, "owner-1", None)).ShouldBeTrue();
        (await directory.TryTakeSeatAsync(alice, room, "owner-1", None)).ShouldBeTrue("already this room");
        (await directory.TryTakeSeatAsync(alice, other, "owner-2", None)).ShouldBeFalse("seated elsewhere");
        (await directory.SeatOfAsync(alice, None)).ShouldBe(new RoomPlace(room, "owner-1"));

        directory.ReleaseSeat(alice, other);
        (await directory.SeatOfAsync(alice, None)).ShouldBe(new RoomPlace(room, "owner-1"), "another room's release leaves it");

        directory.ReleaseSeat(alice, room);
        (await directory.SeatOfAsync(alice, None)).ShouldBeNull();
        (await directory.TryTakeSeatAsync(alice, other, "owner-2", None)).ShouldBeTrue("free again");
    }

    [Test]
    public async Task A_users_rooms_are_their_seat_and_the_rooms_they_watch()
    {
        var directory = await NewDirectoryAsync();
        var (alice, playing, watched, alsoWatched) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (await directory.RoomsOfAsync(alice, None)).ShouldBeEmpty();

        await directory.TryTakeSeatAsync(alice, playing, directory.InstanceId, None);
        directory.Watching(alice, watched, true);
        directory.Watching(alice, alsoWatched, true);
        directory.Watching(Guid.NewGuid(), Guid.NewGuid(), true);

        var rooms = await directory.RoomsOfAsync(alice, None);
        rooms[0].ShouldBe(new RoomPlace(playing, directory.InstanceId), "the seat comes first");
        rooms.ShouldBe([new(playing, directory.InstanceId), new(watched, directory.InstanceId), new(alsoWatched, directory.InstanceId)], ignoreOrder: true);

        directory.Watching(alice, watched, false);
        directory.ReleaseSeat(alice, playing);
        (await directory.RoomsOfAsync(alice, None)).ShouldBe([new RoomPlace(alsoWatched, directory.InstanceId)]);
    }

    [Test]
    public async Task An_opened_room_is_owned_by_this_instance_and_an_unknown_one_by_nobody()
    {
        var directory = await NewDirectoryAsync();
        var room = Guid.NewGuid();

        directory.RoomOpened(room);

        (await directory.OwnerOfAsync(room, None)).ShouldBe(directory.InstanceId);
        (await directory.OwnerOfAsync(Guid.NewGuid(), None)).ShouldBeNull();
    }

    [Test]
    public async Task Two_callers_racing_for_one_waiting_host_one_is_matched_and_the_other_waits()
    {
        var cluster = await NewClusterAsync(2);
        var host = Guid.NewGuid();
        await Join(cluster[0], host);

        var tickets = await Task.WhenAll(Join(cluster[0], Guid.NewGuid()), Join(cluster[1], Guid.NewGuid()));

        tickets.Count(ticket => ticket is QueueTicket.Matched { } matched && matched.HostId == host).ShouldBe(1);
        tickets.Count(ticket => ticket is QueueTicket.Opened).ShouldBe(1);
    }

    [Test]
    public async Task Many_concurrent_joiners_are_paired_each_waiting_room_claimed_once_and_nobody_in_two_rooms()
    {
        const int joiners = 200;
        var cluster = await NewClusterAsync(3);
        var opened = new ConcurrentDictionary<Guid, Guid>(); // room → host
        var matched = new ConcurrentBag<(Guid User, QueueTicket.Matched Ticket)>();
        var users = Enumerable.Range(0, joiners).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(users.Select((user, i) => Task.Run(async () =>
        {
            var directory = cluster[i % cluster.Count];
            var prepared = Guid.NewGuid();
            switch (await directory.JoinQueueAsync(user, GameMode.Classic, prepared, [], None))
            {
                case QueueTicket.Opened:
                    opened[prepared] = user;
                    break;
                case QueueTicket.Matched ticket:
                    matched.Add((user, ticket));
                    break;
                default:
                    Assert.Fail($"{user} was refused a first join");
                    break;
            }
        })));

        // Claims and listings are atomic: at any moment at most one room waits, so everyone but one pair is paired.
        matched.Count.ShouldBe(joiners / 2);
        opened.Count.ShouldBe(joiners / 2);
        matched.Select(m => m.Ticket.RoomId).Distinct().Count().ShouldBe(matched.Count, "each waiting room is claimed once");
        foreach (var (user, ticket) in matched)
        {
            opened.ShouldContainKey(ticket.RoomId);
            opened[ticket.RoomId].ShouldBe(ticket.HostId);
            ticket.HostId.ShouldNotBe(user);
        }

        foreach (var user in users)
        {
            var seat = (await cluster[0].SeatOfAsync(user, None)).ShouldNotBeNull();
            var expected = matched.Where(m => m.User == user).Select(m => m.Ticket.RoomId)
                .Concat(opened.Where(o => o.Value == user).Select(o => o.Key)).ToList();
            expected.ShouldBe([seat.RoomId], $"{user} holds exactly the one room they were given");
        }
    }
}

public sealed class InProcessGameDirectoryTests : GameDirectoryContract
{
    protected override Task<IReadOnlyList<IGameDirectory>> NewClusterAsync(int instances)
    {
        var directory = new InProcessGameDirectory();
        return Task.FromResult<IReadOnlyList<IGameDirectory>>([.. Enumerable.Repeat<IGameDirectory>(directory, instances)]);
    }

    [Test]
    public async Task The_one_instance_has_no_others_and_none_die()
    {
        var directory = new InProcessGameDirectory();
        directory.PublishLiveGames([new(Guid.NewGuid(), "classic", "playing", [], [0, 0], 0)]);

        (await directory.OtherInstancesLiveGamesAsync(CancellationToken.None)).ShouldBeEmpty();
        (await directory.DeadAmongAsync([directory.InstanceId, "elsewhere"], CancellationToken.None)).ShouldBeEmpty();
    }
}
