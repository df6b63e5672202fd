using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Games;

/// <summary>
/// The game directory of one instance alone: every room is its own, so the queue, seats and watchers are a
/// few dictionaries behind one lock (tiny critical sections, safe from the game loop's thread). There are no
/// other instances: none publishes live games, none dies.
/// </summary>
public sealed class InProcessGameDirectory : IGameDirectory
{
    /// <summary>The one instance's name, recorded as every room's owner.</summary>
    public const string LocalInstanceId = "local";

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomPlace> _seats = [];
    private readonly Dictionary<Guid, string> _owners = [];
    // Per mode, the waiting rooms oldest first; each listed room's node, to drop it when it closes.
    private readonly Dictionary<GameMode, LinkedList<Waiting>> _queues = [];
    private readonly Dictionary<Guid, LinkedListNode<Waiting>> _waiting = [];
    private readonly Dictionary<Guid, List<RoomPlace>> _watched = [];

    public string InstanceId => LocalInstanceId;

    public Task<QueueTicket> JoinQueueAsync(Guid userId, GameMode mode, Guid preparedRoomId, IReadOnlyCollection<Guid> excluded, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_seats.ContainsKey(userId))
            {
                return Task.FromResult<QueueTicket>(new QueueTicket.Busy());
            }

            if (!_queues.TryGetValue(mode, out var queue))
            {
                _queues[mode] = queue = new LinkedList<Waiting>();
            }

            for (var node = queue.First; node is not null; node = node.Next)
            {
                var entry = node.Value;
                if (entry.HostId != userId && !excluded.Contains(entry.HostId))
                {
                    queue.Remove(node);
                    _waiting.Remove(entry.Room.RoomId);
                    _seats[userId] = entry.Room;
                    return Task.FromResult<QueueTicket>(new QueueTicket.Matched(entry.Room.RoomId, entry.Room.Owner, entry.HostId));
                }
            }

            var room = new RoomPlace(preparedRoomId, InstanceId);
            _owners[preparedRoomId] = InstanceId;
            _waiting[preparedRoomId] = queue.AddLast(new Waiting(room, userId));
            _seats[userId] = room;
            return Task.FromResult<QueueTicket>(new QueueTicket.Opened());
        }
    }

    public Task<bool> TryTakeSeatAsync(Guid userId, Guid roomId, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_seats.TryGetValue(userId, out var seat))
            {
                return Task.FromResult(seat.RoomId == roomId);
            }

            _seats[userId] = new RoomPlace(roomId, owner);
            return Task.FromResult(true);
        }
    }

    public Task<RoomPlace?> SeatOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_seats.GetValueOrDefault(userId));
        }
    }

    public Task<IReadOnlyList<RoomPlace>> RoomsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var rooms = new List<RoomPlace>();
            if (_seats.TryGetValue(userId, out var seat))
            {
                rooms.Add(seat);
            }

            if (_watched.TryGetValue(userId, out var watched))
            {
                rooms.AddRange(watched.Where(room => room.RoomId != seat?.RoomId));
            }

            return Task.FromResult<IReadOnlyList<RoomPlace>>(rooms);
        }
    }

    public ValueTask<string?> OwnerOfAsync(Guid roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_owners.GetValueOrDefault(roomId));
        }
    }

    public void RoomOpened(Guid roomId)
    {
        lock (_gate)
        {
            _owners[roomId] = InstanceId;
        }
    }

    public void RoomClosed(Guid roomId)
    {
        lock (_gate)
        {
            _owners.Remove(roomId);
            if (_waiting.Remove(roomId, out var node))
            {
                node.List!.Remove(node);
            }
        }
    }

    public void ReleaseSeat(Guid userId, Guid roomId)
    {
        lock (_gate)
        {
            if (_seats.TryGetValue(userId, out var seat) && seat.RoomId == roomId)
            {
                _seats.Remove(userId);
            }
        }
    }

    public void Watching(Guid userId, Guid roomId, bool watching)
    {
        lock (_gate)
        {
            var watched = _watched.GetValueOrDefault(userId);
            if (watching)
            {
                if (watched is null)
                {
                    _watched[userId] = watched = [];
                }

                if (!watched.Exists(room => room.RoomId == roomId))
                {
                    watched.Add(new RoomPlace(roomId, InstanceId));
                }
            }
            else if (watched is not null)
            {
                watched.RemoveAll(room => room.RoomId == roomId);
                if (watched.Count == 0)
                {
                    _watched.Remove(userId);
                }
            }
        }
    }

    /// <summary>This instance's memory is the directory: it never loses its part.</summary>
    public Task<bool> MustRestateAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public void Restate(IReadOnlyList<OwnedRoom> rooms)
    {
        // Never asked: see MustRestateAsync.
    }

    public void PublishLiveGames(IReadOnlyList<LiveGame> games)
    {
        // Nobody else reads it: this instance lists its own lobby.
    }

    public Task<IReadOnlyList<LiveGame>> OtherInstancesLiveGamesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LiveGame>>([]);

    public Task<IReadOnlyCollection<string>> DeadAmongAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);

    public Task ForgetDeadOwnersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Waiting(RoomPlace Room, Guid HostId);
}
