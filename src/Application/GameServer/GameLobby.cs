using System.Collections.Immutable;
using Transcendence.Application.Channels;
using Transcendence.Application.Games.RecordMatch;
using Transcendence.Application.Games.UpdatePlayingStatus;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Application.GameServer;

/// <summary>
/// The live rooms of this process (never stored): rooms by id, the queue, invitations, each user's room as a
/// player (at most one: a second one is <c>game.busy</c>) and the rooms each user watches. Only the
/// <see cref="GameLoop"/>'s thread calls it, so nothing here locks; what must happen next comes back as
/// <see cref="GameEffect"/>s that the loop hands on. The rules are the <see cref="Room"/>'s; this only keeps the
/// rooms and says who hears what. Two snapshots are published for other threads: who plays together
/// (<see cref="ArePlayersTogether"/>, for call signalling) and how many rooms play (<see cref="PlayingCount"/>).
/// </summary>
public sealed class GameLobby(TimeProvider clock, GameOptions options)
{
    private readonly Dictionary<Guid, Room> _rooms = [];
    private readonly List<Room> _ticking = [];
    private readonly List<GameEffect> _tickEffects = [];

    // Written by the loop only; an immutable map, so a reader on another thread sees one whole version.
    private ImmutableDictionary<Guid, Guid> _playerRoom = ImmutableDictionary<Guid, Guid>.Empty;
    private int _playing;
    private readonly Dictionary<Guid, HashSet<Guid>> _watching = [];

    // Queue rooms of each mode in the order they opened (oldest first). A room never goes back to waiting,
    // so rooms that stopped waiting are dropped when next met instead of being tracked at every change:
    // looking for a room costs the waiting rooms, not every live room (10,000 users queueing at once made
    // each JoinQueue scan and sort thousands of matched rooms, and the lobby lock starved the heartbeat).
    private readonly Dictionary<GameMode, List<Room>> _queues = [];

    /// <summary>The hosts of the waiting queue rooms of <paramref name="mode"/>, oldest room first.</summary>
    public IReadOnlyList<Guid> WaitingHosts(GameMode mode)
    {
        return [.. Waiting(mode).Select(r => r.Host.Id).Distinct()];
    }

    /// <summary>The ids of the room's players (host first); <c>game.not_found</c> for no live room.</summary>
    public IReadOnlyList<Guid> PlayersOf(Guid roomId)
    {
        var room = Get(roomId);
        return [.. room.Players.Select(p => p.Id)];
    }

    /// <summary>Whether the two users are the players of one live room; any thread (a published snapshot).</summary>
    public bool ArePlayersTogether(Guid userId, Guid otherUserId)
    {
        var playerRoom = Volatile.Read(ref _playerRoom);
        return userId != otherUserId
            && playerRoom.TryGetValue(userId, out var room)
            && playerRoom.TryGetValue(otherUserId, out var other)
            && room == other;
    }

    /// <summary>The room the user plays in, if any.</summary>
    public Guid? RoomOf(Guid userId)
    {
        return _playerRoom.TryGetValue(userId, out var room) ? room : null;
    }

    /// <summary>The rooms one may watch now (settings, countdown or playing: what <see cref="Room.Spectate"/> allows), oldest first.</summary>
    public IReadOnlyList<LiveGame> LiveGames()
    {
        return [.. _rooms.Values
            .Where(r => r.Phase is RoomPhase.Settings or RoomPhase.Countdown or RoomPhase.Playing)
            .OrderBy(r => r.Id)
            .Select(r => new LiveGame(
                r.Id,
                r.Mode.ToName(),
                GameEvents.NameOf(r.Phase),
                [.. r.Players.Select(p => new UserRef(p.Id, p.DisplayName.Value))],
                r.Game is { } game ? [.. game.Score] : [0, 0],
                r.Spectators.Count))];
    }

    /// <summary>How many rooms were in play at the last tick; any thread (for metrics).</summary>
    public int PlayingCount => Volatile.Read(ref _playing);

    /// <summary>
    /// Puts <paramref name="caller"/> in the oldest waiting room of the mode whose host is among
    /// <paramref name="acceptableHosts"/> (checked against current blocks by the caller), else opens one.
    /// </summary>
    public (Guid RoomId, IReadOnlyList<GameEffect> Effects) JoinQueue(User caller, GameMode mode, IReadOnlySet<Guid> acceptableHosts)
    {
        EnsureFree(caller.Id);
        var effects = new List<GameEffect>();
        var room = Waiting(mode).FirstOrDefault(r => acceptableHosts.Contains(r.Host.Id) && r.CanBeJoinedBy(caller, mode));
        if (room is null)
        {
            room = Room.OpenQueue(caller, mode, clock.GetUtcNow());
            _rooms[room.Id] = room;
            QueueOf(mode).Add(room);
            SetPlayerRoom(caller.Id, room.Id);
            effects.Add(new JoinRoomGroup(caller.Id, room.Id));
            effects.Add(Updated(room));
            return (room.Id, effects);
        }

        room.Join(caller);
        SetPlayerRoom(caller.Id, room.Id);
        effects.Add(new JoinRoomGroup(caller.Id, room.Id));
        Matched(room, effects);
        return (room.Id, effects);
    }

    /// <summary>Leaves the caller's waiting queue room, if they have one; nothing otherwise.</summary>
    public IReadOnlyList<GameEffect> LeaveQueue(Guid userId)
    {
        var effects = new List<GameEffect>();
        if (_playerRoom.TryGetValue(userId, out var roomId)
            && _rooms[roomId] is { Kind: RoomKind.Queue, Phase: RoomPhase.Waiting } room)
        {
            room.Leave(room.Host, clock.GetUtcNow());
            effects.Add(Updated(room));
            Remove(room, effects);
        }

        return effects;
    }

    public (Guid RoomId, IReadOnlyList<GameEffect> Effects) Invite(User host, User guest, GameMode mode)
    {
        EnsureFree(host.Id);
        var room = Room.OpenInvitation(host, guest, mode, clock.GetUtcNow());
        _rooms[room.Id] = room;
        SetPlayerRoom(host.Id, room.Id);
        return (room.Id,
        [
            new JoinRoomGroup(host.Id, room.Id),
            Updated(room),
            new SendToUsers([guest.Id], GameEvents.Invited, new InvitedEvent(room.Id, Ref(host), mode.ToName())),
        ]);
    }

    public IReadOnlyList<GameEffect> Accept(User guest, Guid roomId)
    {
        var room = Get(roomId);
        if (_playerRoom.TryGetValue(guest.Id, out var current) && current != roomId)
        {
            throw GameErrors.Busy();
        }

        room.Accept(guest);
        SetPlayerRoom(guest.Id, room.Id);
        var effects = new List<GameEffect> { new JoinRoomGroup(guest.Id, room.Id) };
        Matched(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> Decline(User guest, Guid roomId)
    {
        var room = Get(roomId);
        room.Decline(guest, clock.GetUtcNow());
        var effects = new List<GameEffect>
        {
            new SendToUsers([room.Host.Id, guest.Id], GameEvents.InviteDeclined, new RoomRef(room.Id)),
            Updated(room),
        };
        Remove(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> Cancel(Guid hostId, Guid roomId)
    {
        var room = Get(roomId);
        room.Cancel(PlayerIn(room, hostId), clock.GetUtcNow());
        var effects = new List<GameEffect>
        {
            new SendToUsers([hostId, room.InvitedUser!.Id], GameEvents.InviteCanceled, new RoomRef(room.Id)),
            Updated(room),
        };
        Remove(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> UpdateSettings(Guid userId, Guid roomId, int? winningScore, double? ballSpeed, int? paddleSize)
    {
        var room = Get(roomId);
        room.UpdateSettings(PlayerIn(room, userId), winningScore, ballSpeed, paddleSize);
        return [Updated(room)];
    }

    public IReadOnlyList<GameEffect> SetReady(Guid userId, Guid roomId, bool ready)
    {
        var room = Get(roomId);
        room.SetReady(PlayerIn(room, userId), ready, clock.GetUtcNow());
        return [Updated(room)];
    }

    /// <summary>Takes a paddle intent for the next tick; false when stale. Nothing else happens here.</summary>
    public bool Input(Guid userId, Guid roomId, PaddleInput input)
    {
        var room = Get(roomId);
        return room.Input(PlayerIn(room, userId), input);
    }

    /// <summary><paramref name="playersNow"/>: the room's players as stored now (their blocks may be newer than the room's copy).</summary>
    public IReadOnlyList<GameEffect> Spectate(User user, Guid roomId, IReadOnlyCollection<User>? playersNow = null)
    {
        var room = Get(roomId);
        room.Spectate(user, playersNow);
        if (!_watching.TryGetValue(user.Id, out var rooms))
        {
            _watching[user.Id] = rooms = [];
        }

        rooms.Add(room.Id);
        return [new JoinRoomGroup(user.Id, room.Id), Updated(room)];
    }

    public IReadOnlyList<GameEffect> StopSpectating(Guid userId, Guid roomId)
    {
        var room = Get(roomId);
        var effects = new List<GameEffect>();
        StopWatching(room, userId, effects);
        return effects;
    }

    /// <summary>A spectator stops watching; a player leaves (closing the room before play, forfeiting during it).</summary>
    public IReadOnlyList<GameEffect> LeaveRoom(Guid userId, Guid roomId)
    {
        var room = Get(roomId);
        var effects = new List<GameEffect>();
        if (room.Spectators.Any(s => s.Id == userId))
        {
            StopWatching(room, userId, effects);
            return effects;
        }

        var player = PlayerIn(room, userId);
        var before = room.Phase;
        room.Leave(player, clock.GetUtcNow());
        AfterLoss(room, userId, before, "left", effects);
        return effects;
    }

    /// <summary>The user's last game connection is gone (closed, or silent through a heartbeat).</summary>
    public IReadOnlyList<GameEffect> ConnectionLost(Guid userId)
    {
        var effects = new List<GameEffect>();
        if (_watching.TryGetValue(userId, out var watched))
        {
            foreach (var roomId in watched.ToList())
            {
                if (_rooms.TryGetValue(roomId, out var watchedRoom))
                {
                    StopWatching(watchedRoom, userId, effects);
                }
            }

            _watching.Remove(userId);
        }

        if (_playerRoom.TryGetValue(userId, out var playing) && _rooms.TryGetValue(playing, out var room))
        {
            var before = room.Phase;
            room.Disconnect(PlayerIn(room, userId), clock.GetUtcNow(), options.ReconnectGrace);
            AfterLoss(room, userId, before, "disconnected", effects);
        }

        return effects;
    }

    /// <summary>
    /// A game connection opened: it joins the groups of the user's rooms and is told their state; a player
    /// whose seat is held for them takes it back and play resumes.
    /// </summary>
    public IReadOnlyList<GameEffect> Connected(Guid userId, string connectionId)
    {
        var effects = new List<GameEffect>();
        var rooms = (_watching.TryGetValue(userId, out var watched) ? watched.ToList() : []);
        if (_playerRoom.TryGetValue(userId, out var playing))
        {
            rooms.Add(playing);
        }

        foreach (var roomId in rooms)
        {
            effects.Add(new JoinConnectionToRoom(connectionId, roomId));
        }

        if (_playerRoom.TryGetValue(userId, out playing) && _rooms.TryGetValue(playing, out var room))
        {
            var before = room.Phase;
            if (room.Reconnect(PlayerIn(room, userId), clock.GetUtcNow()))
            {
                effects.Add(Updated(room));
            }
            else if (before == RoomPhase.Playing && room.Phase == RoomPhase.Finished)
            {
                Finished(room, effects);
            }
            else
            {
                effects.Add(new SendToConnection(connectionId, GameEvents.RoomUpdated, RoomUpdatedEvent.Of(room)));
            }
        }

        return effects;
    }

    /// <summary>
    /// One tick of every live room at <paramref name="now"/>: countdowns that ran out start play, seats
    /// whose grace ran out are lost, and every playing room moves one step (State to its group).
    /// </summary>
    /// <remarks>
    /// The returned list is reused by the next tick (60 times a second, nothing allocated for it): the caller
    /// hands its effects on before it calls again.
    /// </remarks>
    public IReadOnlyList<GameEffect> Tick(DateTimeOffset now)
    {
        var effects = _tickEffects;
        effects.Clear();
        _ticking.Clear();
        foreach (var room in _rooms.Values)
        {
            if (room.Phase is RoomPhase.Countdown or RoomPhase.Playing)
            {
                _ticking.Add(room);
            }
        }

        var playing = 0;
        foreach (var room in _ticking)
        {
            var before = room.Phase;
            if (room.Advance(now))
            {
                if (before == RoomPhase.Countdown && room.Phase == RoomPhase.Playing)
                {
                    effects.Add(Updated(room));
                    effects.Add(new FollowUp(new UpdatePlayingStatus([.. room.Players.Select(p => p.Id)], true)));
                }
                else if (room.Phase == RoomPhase.Finished)
                {
                    Finished(room, effects);
                    continue;
                }
            }

            if (room.Phase == RoomPhase.Playing)
            {
                playing++;
            }

            if (room.Tick(now) is not { } result)
            {
                continue;
            }

            effects.Add(new SendToRoom(room.Id, GameEvents.State, StateEvent.Of(room.Id, result.State)));
            if (result.Scored is { } point)
            {
                effects.Add(new SendToRoom(room.Id, GameEvents.Scored, new ScoredEvent(room.Id, point.UserId, [.. point.Score])));
            }

            if (room.Phase == RoomPhase.Finished)
            {
                Finished(room, effects);
            }
        }

        _ticking.Clear();
        Volatile.Write(ref _playing, playing);
        return effects;
    }

    /// <summary>Closes the waiting rooms older than <see cref="GameOptions.QueueTimeout"/>: <c>QueueTimedOut</c> to their host.</summary>
    public IReadOnlyList<GameEffect> ExpireWaiting(DateTimeOffset now)
    {
        var effects = new List<GameEffect>();
        foreach (var room in _rooms.Values.Where(r => r.Phase == RoomPhase.Waiting).ToList())
        {
            if (room.TryExpire(now, options.QueueTimeout))
            {
                effects.Add(new SendToUsers([room.Host.Id], GameEvents.QueueTimedOut, new RoomRef(room.Id)));
                if (room.InvitedUser is { } invited)
                {
                    effects.Add(new SendToUsers([invited.Id], GameEvents.InviteCanceled, new RoomRef(room.Id)));
                }

                Remove(room, effects);
            }
        }

        return effects;
    }

    private static UserRef Ref(User user) => new(user.Id, user.DisplayName.Value);

    private static SendToRoom Updated(Room room) => new(room.Id, GameEvents.RoomUpdated, RoomUpdatedEvent.Of(room));

    private static void Matched(Room room, List<GameEffect> effects)
    {
        effects.Add(new SendToUsers(
            [.. room.Players.Select(p => p.Id)],
            GameEvents.Matched,
            new MatchedEvent(room.Id, room.Mode.ToName(), [.. room.Players.Select(Ref)])));
        effects.Add(Updated(room));
    }

    private static User PlayerIn(Room room, Guid userId) =>
        room.Players.FirstOrDefault(p => p.Id == userId) ?? throw GameErrors.NotInRoom();

    /// <summary>The waiting queue rooms of <paramref name="mode"/>, oldest first (rooms open in time order).</summary>
    private List<Room> Waiting(GameMode mode)
    {
        var queue = QueueOf(mode);
        queue.RemoveAll(r => r.Phase != RoomPhase.Waiting || !_rooms.ContainsKey(r.Id));
        return queue;
    }

    private List<Room> QueueOf(GameMode mode)
    {
        if (!_queues.TryGetValue(mode, out var queue))
        {
            queue = [];
            _queues[mode] = queue;
        }

        return queue;
    }

    private Room Get(Guid roomId) => _rooms.TryGetValue(roomId, out var room) ? room : throw GameErrors.RoomNotFound(roomId);

    private void SetPlayerRoom(Guid userId, Guid roomId) => Volatile.Write(ref _playerRoom, _playerRoom.SetItem(userId, roomId));

    private void EnsureFree(Guid userId)
    {
        if (_playerRoom.ContainsKey(userId))
        {
            throw GameErrors.Busy();
        }
    }

    private void StopWatching(Room room, Guid userId, List<GameEffect> effects)
    {
        var spectator = room.Spectators.FirstOrDefault(s => s.Id == userId);
        if (spectator is not null && room.StopSpectating(spectator))
        {
            effects.Add(new JoinRoomGroup(userId, room.Id, Join: false));
            effects.Add(Updated(room));
        }

        if (_watching.TryGetValue(userId, out var rooms))
        {
            rooms.Remove(room.Id);
            if (rooms.Count == 0)
            {
                _watching.Remove(userId);
            }
        }
    }

    /// <summary>What follows a player leaving or losing their connection, by what it did to the room.</summary>
    private void AfterLoss(Room room, Guid userId, RoomPhase before, string reason, List<GameEffect> effects)
    {
        switch (room.Phase)
        {
            case RoomPhase.Closed:
                if (before == RoomPhase.Waiting && room.InvitedUser is { } invited)
                {
                    effects.Add(new SendToUsers([invited.Id], GameEvents.InviteCanceled, new RoomRef(room.Id)));
                }
                else if (before != RoomPhase.Waiting)
                {
                    var why = room.Closure is { } closure ? GameEvents.NameOf(closure.Reason) : reason;
                    effects.Add(new SendToRoom(room.Id, GameEvents.PlayerLeft, new PlayerLeftEvent(room.Id, userId, why)));
                }

                effects.Add(Updated(room));
                Remove(room, effects);
                break;
            case RoomPhase.Finished when before == RoomPhase.Playing:
                effects.Add(new SendToRoom(room.Id, GameEvents.PlayerLeft, new PlayerLeftEvent(room.Id, userId, reason)));
                Finished(room, effects);
                break;
            case RoomPhase.Playing when before == RoomPhase.Playing:
                effects.Add(new SendToRoom(room.Id, GameEvents.PlayerLeft, new PlayerLeftEvent(room.Id, userId, reason)));
                effects.Add(Updated(room));
                break;
            default:
                break;
        }
    }

    private void Finished(Room room, List<GameEffect> effects)
    {
        var match = room.Result!;
        // GameEnded waits for the match to be stored (StoreMatch); the room's group empties now, so its
        // audience is taken here.
        IReadOnlyCollection<Guid> audience = [.. room.Players.Select(p => p.Id).Concat(room.Spectators.Select(s => s.Id)).Distinct()];
        effects.Add(Updated(room));
        effects.Add(new StoreMatch(match, audience));
        effects.Add(new FollowUp(new UpdatePlayingStatus([.. match.PlayerIds], false)));
        Remove(room, effects);
    }

    /// <summary>
    /// The server is stopping: every game in countdown or play ends with <c>GameEnded</c> reason <c>shutdown</c>
    /// and no result (an unfinished game has no winner to store); every room closes.
    /// </summary>
    public IReadOnlyList<GameEffect> Shutdown()
    {
        var effects = new List<GameEffect>();
        foreach (var room in _rooms.Values.Where(r => r.Phase is RoomPhase.Countdown or RoomPhase.Playing).ToList())
        {
            effects.Add(new SendToRoom(room.Id, GameEvents.GameEnded, GameEndedEvent.Shutdown(room.Id, room.Game?.Score ?? [0, 0])));
            effects.Add(new FollowUp(new UpdatePlayingStatus([.. room.Players.Select(p => p.Id)], false)));
        }

        _rooms.Clear();
        Volatile.Write(ref _playerRoom, ImmutableDictionary<Guid, Guid>.Empty);
        Volatile.Write(ref _playing, 0);
        _watching.Clear();
        _queues.Clear();
        return effects;
    }

    /// <summary>An ended room leaves the lobby: its players are free again and its group empties.</summary>
    private void Remove(Room room, List<GameEffect> effects)
    {
        _rooms.Remove(room.Id);
        foreach (var player in room.Players)
        {
            if (_playerRoom.TryGetValue(player.Id, out var id) && id == room.Id)
            {
                Volatile.Write(ref _playerRoom, _playerRoom.Remove(player.Id));
            }

            effects.Add(new JoinRoomGroup(player.Id, room.Id, Join: false));
        }

        foreach (var spectator in room.Spectators.ToList())
        {
            StopWatching(room, spectator.Id, effects);
        }
    }
}
