using System.Collections.Immutable;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Games.RecordMatch;
using Transcendence.Application.Games.UpdatePlayingStatus;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>
/// The live rooms this instance owns (never stored): rooms by id (queue rooms waiting, invitations, games), each
/// user's room here as a player (at most one: a second one is <c>game.busy</c>; across instances the
/// <see cref="IGameDirectory"/>'s seats say it), the rooms each user watches, and who hears each room from other
/// instances (GameLobby.Audience.cs). The cluster's queue is the directory's: a queue room is prepared here, then
/// listed or discarded by the directory's answer. Only the
/// <see cref="GameLoop"/>'s thread calls it, so nothing here locks; what must happen next comes back as
/// <see cref="GameEffect"/>s that the loop hands on. The rules are the <see cref="Room"/>'s; this only keeps
/// the rooms and says who hears what, from the room's <see cref="RoomEvent"/>s (<see cref="Publish"/>, the
/// one mapper). Two snapshots are published for other threads: who plays in which room here
/// (<see cref="PlaysIn"/>, for paddle inputs) and how many rooms play (<see cref="PlayingCount"/>).
/// </summary>
public sealed partial class GameLobby(TimeProvider clock, GameOptions options, IGameDirectory directory)
{
    private readonly Dictionary<Guid, Room> _rooms = [];

    // Rooms opened here whose opening waits for the directory's word (the queue, a seat): nobody hears of them yet.
    private readonly HashSet<Guid> _unlisted = [];
    private readonly List<Room> _ticking = [];
    private readonly List<GameEffect> _tickEffects = [];

    // Written by the loop only; an immutable map, so a reader on another thread sees one whole version.
    private ImmutableDictionary<Guid, Guid> _playerRoom = ImmutableDictionary<Guid, Guid>.Empty;
    private int _playing;
    private readonly Dictionary<Guid, HashSet<Guid>> _watching = [];

    /// <summary>The ids of the room's players (host first); <c>game.not_found</c> for no live room.</summary>
    public IReadOnlyList<Guid> PlayersOf(Guid roomId)
    {
        var room = Get(roomId);
        return [.. room.Players.Select(p => p.Id)];
    }

    /// <summary>Whether the user is a player of that room now; any thread (the published snapshot).</summary>
    public bool PlaysIn(Guid userId, Guid roomId) =>
        Volatile.Read(ref _playerRoom).TryGetValue(userId, out var room) && room == roomId;

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
                [.. r.Players.Select(Ref)],
                r.Game is { } game ? [.. game.Score] : [0, 0],
                r.Spectators.Count))];
    }

    /// <summary>How many rooms were in play at the last tick; any thread (for metrics).</summary>
    public int PlayingCount => Volatile.Read(ref _playing);

    /// <summary><paramref name="blocks"/>: the guest's, loaded now for the host.</summary>
    public IReadOnlyList<GameEffect> Accept(Guid guestId, Guid roomId, BlockState blocks)
    {
        var room = Get(roomId);
        if (_playerRoom.TryGetValue(guestId, out var current) && current != roomId)
        {
            throw GameErrors.Busy();
        }

        room.Accept(guestId, blocks);
        SetPlayerRoom(guestId, room.Id);
        var effects = new List<GameEffect> { new JoinRoomGroup(guestId, room.Id) };
        Publish(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> Decline(Guid guestId, Guid roomId)
    {
        var room = Get(roomId);
        room.Decline(guestId, clock.GetUtcNow());
        var effects = new List<GameEffect>();
        Publish(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> Cancel(Guid hostId, Guid roomId)
    {
        var room = Get(roomId);
        RequirePlayer(room, hostId);
        room.Cancel(hostId, clock.GetUtcNow());
        var effects = new List<GameEffect>();
        Publish(room, effects);
        return effects;
    }

    public IReadOnlyList<GameEffect> UpdateSettings(Guid userId, Guid roomId, int? winningScore, double? ballSpeed, int? paddleSize)
    {
        var room = Get(roomId);
        room.UpdateSettings(userId, winningScore, ballSpeed, paddleSize);
        return PublishOrShow(room, []);
    }

    public IReadOnlyList<GameEffect> SetReady(Guid userId, Guid roomId, bool ready)
    {
        var room = Get(roomId);
        room.SetReady(userId, ready, clock.GetUtcNow());
        return PublishOrShow(room, []);
    }

    /// <summary>Takes a paddle intent for the next tick; false when stale. Nothing else happens here.</summary>
    public bool Input(Guid userId, Guid roomId, PaddleInput input)
    {
        var room = Get(roomId);
        return room.Input(userId, input);
    }

    /// <summary><paramref name="blocks"/>: the watcher's, loaded now.</summary>
    public IReadOnlyList<GameEffect> Spectate(PlayerRef user, Guid roomId, BlockState blocks)
    {
        var room = Get(roomId);
        room.Spectate(user, blocks);
        if (!_watching.TryGetValue(user.Id, out var rooms))
        {
            _watching[user.Id] = rooms = [];
        }

        if (rooms.Add(room.Id))
        {
            directory.Watching(user.Id, room.Id, true);
        }

        return PublishOrShow(room, [new JoinRoomGroup(user.Id, room.Id)]);
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
        if (room.IsSpectator(userId))
        {
            StopWatching(room, userId, effects);
            return effects;
        }

        RequirePlayer(room, userId);
        room.Leave(userId, clock.GetUtcNow());
        Publish(room, effects);
        return effects;
    }

    /// <summary>
    /// The user's last game connection here is gone (closed, or silent through a heartbeat): lost to each of their
    /// rooms that no other instance holds them in.
    /// </summary>
    public IReadOnlyList<GameEffect> ConnectionLost(Guid userId)
    {
        var effects = new List<GameEffect>();
        if (_watching.TryGetValue(userId, out var watched))
        {
            foreach (var roomId in watched.ToList())
            {
                if (_rooms.TryGetValue(roomId, out var watchedRoom) && !HeldAway(roomId, userId))
                {
                    StopWatching(watchedRoom, userId, effects);
                }
            }
        }

        if (_playerRoom.TryGetValue(userId, out var playing) && _rooms.TryGetValue(playing, out var room) && !HeldAway(playing, userId))
        {
            LostTo(room, userId, effects);
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
            room.Reconnect(userId, clock.GetUtcNow());
            if (!Publish(room, effects))
            {
                // Nothing happened to the room: only the new connection needs to see it.
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
            room.Advance(now);
            Publish(room, effects);
            if (room.Phase == RoomPhase.Playing)
            {
                playing++;
            }

            if (room.Tick(now) is not { } result)
            {
                continue;
            }

            // 60 a second per room: to other instances only for the members they hold (nothing when none).
            effects.Add(new SendToRoom(room.Id, GameEvents.State, StateEvent.Of(room.Id, result.State), HeldElsewhere(room.Id)));
            Publish(room, effects);
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
                Publish(room, effects);
            }
        }

        return effects;
    }

    private static UserRef Ref(PlayerRef user) => new(user.Id, user.Name);

    private static SendToRoom Updated(Room room) => ToRoom(room, GameEvents.RoomUpdated, RoomUpdatedEvent.Of(room));

    /// <summary>
    /// To the room's group here and to its members' connections on other instances: every member, not only those
    /// reported there yet (a guest seated from another instance hears the room before that report arrives).
    /// </summary>
    private static SendToRoom ToRoom(Room room, string eventName, object payload) =>
        new(room.Id, eventName, payload, [.. room.Players.Select(p => p.Id), .. room.Spectators.Select(s => s.Id)]);

    /// <summary>
    /// Who hears what the room recorded since it was last asked, in order: each event becomes the hub events
    /// its audience hears, and a room that ended leaves the lobby. Says whether anything had happened.
    /// </summary>
    private bool Publish(Room room, List<GameEffect> effects)
    {
        var events = room.TakeEvents();
        foreach (var happened in events)
        {
            switch (happened)
            {
                case RoomOpened opened:
                    effects.Add(Updated(room));
                    if (opened.Invited is { } guest)
                    {
                        effects.Add(new SendToUsers([guest.Id], GameEvents.Invited, new InvitedEvent(room.Id, Ref(opened.Host), opened.Mode.ToName())));
                    }

                    break;
                case PlayersMatched matched:
                    effects.Add(new SendToUsers(
                        [.. matched.Players.Select(p => p.Id)],
                        GameEvents.Matched,
                        new MatchedEvent(room.Id, matched.Mode.ToName(), [.. matched.Players.Select(Ref)])));
                    effects.Add(Updated(room));
                    break;
                case SettingsChanged or ReadinessChanged or SpectatorJoined or SpectatorLeft or GamePaused or PlayerReconnected:
                    effects.Add(Updated(room));
                    break;
                case PlayStarted started:
                    effects.Add(Updated(room));
                    effects.Add(new FollowUp(new UpdatePlayingStatus(started.PlayerIds, true)));
                    break;
                case Scored point:
                    effects.Add(ToRoom(room, GameEvents.Scored, new ScoredEvent(room.Id, point.UserId, [.. point.Score])));
                    break;
                case PlayerLeft left:
                    effects.Add(ToRoom(room, GameEvents.PlayerLeft, new PlayerLeftEvent(room.Id, left.UserId, GameEvents.NameOf(left.Reason))));
                    break;
                case PlayerDisconnected lost:
                    effects.Add(ToRoom(room, GameEvents.PlayerLeft, new PlayerLeftEvent(room.Id, lost.UserId, GameEvents.NameOf(LeaveReason.Disconnected))));
                    break;
                case GameFinished finished:
                    Finished(room, finished.Match, effects);
                    break;
                case InviteDeclined declined:
                    effects.Add(new SendToUsers([declined.HostId, declined.GuestId], GameEvents.InviteDeclined, new RoomRef(room.Id)));
                    break;
                case InviteCanceled canceled:
                    // The host of an expired invitation hears QueueTimedOut instead (WaitingExpired).
                    IReadOnlyCollection<Guid> told = canceled.Reason == ClosedReason.TimedOut ? [canceled.GuestId] : [canceled.HostId, canceled.GuestId];
                    effects.Add(new SendToUsers(told, GameEvents.InviteCanceled, new RoomRef(room.Id)));
                    break;
                case WaitingExpired expired:
                    effects.Add(new SendToUsers([expired.HostId], GameEvents.QueueTimedOut, new RoomRef(room.Id)));
                    break;
                case RoomClosed closed:
                    if (closed.Closure.Reason != ClosedReason.TimedOut)
                    {
                        effects.Add(Updated(room));
                    }

                    Remove(room, effects);
                    break;
                default:
                    // CountdownStarted, CountdownStopped, GameResumed: the RoomUpdated of the readiness or
                    // reconnection that caused them says it.
                    break;
            }
        }

        return events.Count > 0;
    }

    /// <summary><see cref="Publish"/>, and the room as it is to its group when the command changed nothing (it was asked).</summary>
    private List<GameEffect> PublishOrShow(Room room, List<GameEffect> effects)
    {
        if (!Publish(room, effects))
        {
            effects.Add(Updated(room));
        }

        return effects;
    }

    private static void RequirePlayer(Room room, Guid userId)
    {
        if (!room.IsPlayer(userId))
        {
            throw GameErrors.NotInRoom();
        }
    }

    private Room Get(Guid roomId) => _rooms.TryGetValue(roomId, out var room) ? room : throw GameErrors.RoomNotFound(roomId);

    private void SetPlayerRoom(Guid userId, Guid roomId) => Volatile.Write(ref _playerRoom, _playerRoom.SetItem(userId, roomId));

    private void ForgetPlayerRoom(Guid userId, Guid roomId)
    {
        if (_playerRoom.TryGetValue(userId, out var id) && id == roomId)
        {
            Volatile.Write(ref _playerRoom, _playerRoom.Remove(userId));
        }
    }

    private void EnsureFree(Guid userId)
    {
        if (_playerRoom.ContainsKey(userId))
        {
            throw GameErrors.Busy();
        }
    }

    private void StopWatching(Room room, Guid userId, List<GameEffect> effects)
    {
        ForgetAway(room.Id, userId);
        if (room.StopSpectating(userId))
        {
            effects.Add(new JoinRoomGroup(userId, room.Id, Join: false));
            Publish(room, effects);
        }

        if (_watching.TryGetValue(userId, out var rooms) && rooms.Remove(room.Id))
        {
            directory.Watching(userId, room.Id, false);
            if (rooms.Count == 0)
            {
                _watching.Remove(userId);
            }
        }
    }

    private void Finished(Room room, Match match, List<GameEffect> effects)
    {
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
            effects.Add(ToRoom(room, GameEvents.GameEnded, GameEndedEvent.Shutdown(room.Id, room.Game?.Score ?? [0, 0])));
            effects.Add(new FollowUp(new UpdatePlayingStatus([.. room.Players.Select(p => p.Id)], false)));
        }

        // The cluster forgets them now (another instance would forget them once this one's lease lapsed).
        foreach (var room in _rooms.Values.Where(r => !_unlisted.Contains(r.Id)))
        {
            directory.RoomClosed(room.Id);
            foreach (var player in room.Players)
            {
                directory.ReleaseSeat(player.Id, room.Id);
            }

            foreach (var spectator in room.Spectators)
            {
                directory.Watching(spectator.Id, room.Id, false);
            }
        }

        _rooms.Clear();
        Volatile.Write(ref _playerRoom, ImmutableDictionary<Guid, Guid>.Empty);
        Volatile.Write(ref _playing, 0);
        _watching.Clear();
        _unlisted.Clear();
        _away.Clear();
        return effects;
    }

    /// <summary>An ended room leaves the lobby: its players are free again and its group empties.</summary>
    private void Remove(Room room, List<GameEffect> effects)
    {
        _rooms.Remove(room.Id);
        _away.Remove(room.Id);
        directory.RoomClosed(room.Id);
        foreach (var player in room.Players)
        {
            ForgetPlayerRoom(player.Id, room.Id);
            directory.ReleaseSeat(player.Id, room.Id);
            effects.Add(new JoinRoomGroup(player.Id, room.Id, Join: false));
        }

        foreach (var spectator in room.Spectators.ToList())
        {
            StopWatching(room, spectator.Id, effects);
        }
    }
}
