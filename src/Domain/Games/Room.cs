using Transcendence.Domain.Common;

namespace Transcendence.Domain.Games;

/// <summary>
/// A game room from first player to result: <c>waiting</c> → <c>settings</c> → <c>countdown</c> →
/// <c>playing</c> → <c>finished</c>, or <c>closed</c> when it ends before play. <see cref="Players"/>[0]
/// is the host and the left paddle. Time comes in as arguments; the room keeps no clock and is not
/// thread-safe (one match loop owns it). It keeps who is in it as <see cref="PlayerRef"/>s (id and name);
/// the blocks between the one acting and the room's players come in fresh with each command that needs
/// them (<see cref="BlockState"/>), and the room decides. What happened is recorded as
/// <see cref="RoomEvent"/>s for the owner to take (<see cref="TakeEvents"/>) and tell whoever must hear it.
/// </summary>
/// <remarks>
/// Losing a player, by phase: waiting, settings or countdown → closed (reason <c>left</c> or
/// <c>disconnected</c>; an invitation withdrawn by its host is <c>canceled</c>); playing → leaving is a
/// forfeit, a lost connection pauses the game until the player is back or the grace period ends, when
/// the other player wins (<c>disconnected</c>). Finished and closed rooms ignore leaving and disconnects.
/// </remarks>
public sealed class Room
{
    public static readonly TimeSpan CountdownDuration = TimeSpan.FromSeconds(3);

    private readonly List<PlayerRef> _players = new(2);
    private readonly List<PlayerRef> _spectators = [];
    private readonly List<Guid> _watchedBy = [];
    private readonly bool[] _ready = new bool[2];
    private readonly DateTimeOffset?[] _reconnectBy = new DateTimeOffset?[2];
    private List<RoomEvent> _events = [];

    private Room(RoomKind kind, PlayerRef host, PlayerRef? invited, GameMode mode, DateTimeOffset now)
    {
        Id = UuidV7.NewId(now);
        Kind = kind;
        Mode = mode;
        CreatedAt = Instant.Normalize(now);
        InvitedUser = invited;
        _players.Add(host);
        Raise(new RoomOpened(Id, kind, mode, host, invited));
    }

    public Guid Id { get; }

    public RoomKind Kind { get; }

    public GameMode Mode { get; }

    public RoomPhase Phase { get; private set; } = RoomPhase.Waiting;

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The host (left paddle), then the second player once there.</summary>
    public IReadOnlyList<PlayerRef> Players => _players;

    public PlayerRef Host => _players[0];

    /// <summary>The user an invitation room was opened for; <c>null</c> for a queue room.</summary>
    public PlayerRef? InvitedUser { get; }

    public IReadOnlyList<PlayerRef> Spectators => _spectators;

    public GameSettings Settings { get; private set; } = GameSettings.Default;

    /// <summary>Readiness in player order, one flag per player present.</summary>
    public IReadOnlyList<bool> Ready => _ready[.._players.Count];

    public DateTimeOffset? CountdownStartedAt { get; private set; }

    public DateTimeOffset? CountdownEndsAt => CountdownStartedAt + CountdownDuration;

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>The game, from the start of the countdown (so inputs can be held before the first tick) to the end.</summary>
    public PongGame? Game { get; private set; }

    /// <summary>Why and when a room closed before play.</summary>
    public RoomClosure? Closure { get; private set; }

    /// <summary>The match, once finished.</summary>
    public Match? Result { get; private set; }

    /// <summary>Playing, but waiting for a player to come back.</summary>
    public bool IsPaused => Phase == RoomPhase.Playing && (_reconnectBy[0] is not null || _reconnectBy[1] is not null);

    /// <summary>Players whose connection is lost while playing, each with the moment their seat is lost.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> AwaitingReconnect =>
        Enumerable.Range(0, _players.Count)
            .Where(i => _reconnectBy[i] is not null)
            .ToDictionary(i => _players[i].Id, i => _reconnectBy[i]!.Value);

    /// <summary>Seeds the serves of this room's game: fixed per room, so a game can be replayed from its inputs.</summary>
    public ulong Seed
    {
        get
        {
            var bytes = Id.ToByteArray();
            return BitConverter.ToUInt64(bytes, 0) ^ BitConverter.ToUInt64(bytes, 8);
        }
    }

    public bool IsFinishedOrClosed => Phase is RoomPhase.Finished or RoomPhase.Closed;

    /// <summary>The events recorded since the last call, oldest first; the room forgets them.</summary>
    public IReadOnlyList<RoomEvent> TakeEvents()
    {
        if (_events.Count == 0)
        {
            return [];
        }

        var taken = _events;
        _events = [];
        return taken;
    }

    /// <summary>A queue room for <paramref name="mode"/> with <paramref name="host"/> waiting in it.</summary>
    public static Room OpenQueue(PlayerRef host, GameMode mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new Room(RoomKind.Queue, host, null, mode, now);
    }

    /// <summary>
    /// An invitation from <paramref name="host"/> to <paramref name="guest"/>; never in the queue.
    /// <paramref name="blocks"/>: the host's, loaded for the guest.
    /// </summary>
    public static Room OpenInvitation(PlayerRef host, PlayerRef guest, BlockState blocks, GameMode mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(blocks);
        if (host.Id == guest.Id)
        {
            throw GameErrors.Invalid("you cannot invite yourself");
        }

        if (blocks.For(host.Id).Across(guest.Id))
        {
            throw GameErrors.Blocked();
        }

        return new Room(RoomKind.Invitation, host, guest, mode, now);
    }

    public bool IsPlayer(Guid userId) => IndexOf(userId) >= 0;

    public bool IsSpectator(Guid userId) => _spectators.Exists(s => s.Id == userId);

    /// <summary>The other player of a two-player room.</summary>
    public PlayerRef OpponentOf(Guid playerId)
    {
        var side = RequirePlayer(playerId);
        return _players.Count == 2 ? _players[1 - side] : throw GameErrors.WrongPhase(Phase, "name an opponent");
    }

    /// <summary>
    /// Whether the queue may put <paramref name="userId"/> in this room: a waiting queue room whose player
    /// is someone else with no block between the two in <paramref name="blocks"/> (the joiner's; a host they
    /// were not loaded for is passed over).
    /// </summary>
    public bool CanBeJoinedBy(Guid userId, BlockState blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return Kind == RoomKind.Queue
            && Phase == RoomPhase.Waiting
            && Host.Id != userId
            && blocks.For(userId).AllowsWith(Host.Id);
    }

    /// <summary><see cref="CanBeJoinedBy(Guid, BlockState)"/> for a caller queueing for <paramref name="mode"/>.</summary>
    public bool CanBeJoinedBy(Guid userId, GameMode mode, BlockState blocks) => Mode == mode && CanBeJoinedBy(userId, blocks);

    /// <summary>The queue's second player arrives: on to settings. <paramref name="blocks"/>: the joiner's, loaded for the host.</summary>
    public void Join(PlayerRef user, BlockState blocks)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(blocks);
        if (Kind != RoomKind.Queue)
        {
            throw GameErrors.NotInvited();
        }

        if (IsPlayer(user.Id))
        {
            throw GameErrors.AlreadyInRoom();
        }

        RequirePhase("join", RoomPhase.Waiting);
        if (blocks.For(user.Id).Across(Host.Id))
        {
            throw GameErrors.Blocked();
        }

        Enter(user);
    }

    /// <summary>
    /// The invited user accepts: on to settings. Refused if a block came between the two since the
    /// invitation: <paramref name="blocks"/> are the guest's, loaded now for the host.
    /// </summary>
    public void Accept(Guid guestId, BlockState blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var guest = RequireInvited(guestId);
        RequirePhase("accept", RoomPhase.Waiting);
        if (blocks.For(guestId).Across(Host.Id))
        {
            throw GameErrors.Blocked();
        }

        Enter(guest);
    }

    /// <summary>The invited user declines: the room closes.</summary>
    public void Decline(Guid guestId, DateTimeOffset now)
    {
        RequireInvited(guestId);
        RequirePhase("decline", RoomPhase.Waiting);
        Raise(new InviteDeclined(Id, Host.Id, guestId));
        Close(ClosedReason.Declined, guestId, now);
    }

    /// <summary>The host withdraws an unanswered invitation: the room closes.</summary>
    public void Cancel(Guid hostId, DateTimeOffset now)
    {
        if (Kind != RoomKind.Invitation)
        {
            throw GameErrors.NotAnInvitation(Id);
        }

        RequireHost(hostId);
        RequirePhase("cancel", RoomPhase.Waiting);
        Close(ClosedReason.Canceled, hostId, now);
    }

    /// <summary>A waiting room (queue or invitation) that has waited <paramref name="timeout"/> or longer.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan timeout) =>
        Phase == RoomPhase.Waiting && now - CreatedAt >= timeout;

    /// <summary>Closes the room as timed out if <see cref="IsExpired"/>; says whether it did.</summary>
    public bool TryExpire(DateTimeOffset now, TimeSpan timeout)
    {
        if (!IsExpired(now, timeout))
        {
            return false;
        }

        Close(ClosedReason.TimedOut, null, now);
        return true;
    }

    /// <summary>
    /// The host changes any of the settings (a <c>null</c> keeps the value). A change that alters anything
    /// clears both players' readiness.
    /// </summary>
    public void UpdateSettings(Guid by, int? winningScore = null, double? ballSpeed = null, int? paddleSize = null)
    {
        RequireHost(by);
        RequirePhase("change the settings", RoomPhase.Settings);
        var updated = Settings.With(winningScore, ballSpeed, paddleSize);
        if (updated != Settings)
        {
            Settings = updated;
            Array.Clear(_ready);
            Raise(new SettingsChanged(Id, updated));
        }
    }

    /// <summary>
    /// A player says whether they are ready. Both ready starts the countdown at <paramref name="now"/>;
    /// un-readying during the countdown stops it and goes back to settings.
    /// </summary>
    public void SetReady(Guid playerId, bool ready, DateTimeOffset now)
    {
        var side = RequirePlayer(playerId);
        RequirePhase("change readiness", RoomPhase.Settings, RoomPhase.Countdown);
        if (_ready[side] != ready)
        {
            _ready[side] = ready;
            Raise(new ReadinessChanged(Id, playerId, ready));
        }

        if (Phase == RoomPhase.Settings && _ready[0] && _ready[1])
        {
            Phase = RoomPhase.Countdown;
            CountdownStartedAt = Instant.Normalize(now);
            Game = new PongGame(_players[0].Id, _players[1].Id, Mode, Settings, Seed);
            Raise(new CountdownStarted(Id, CountdownEndsAt!.Value));
        }
        else if (Phase == RoomPhase.Countdown && !ready)
        {
            Phase = RoomPhase.Settings;
            CountdownStartedAt = null;
            Game = null;
            Raise(new CountdownStopped(Id, playerId));
        }
    }

    /// <summary>
    /// Moves the room on with time: a countdown that has run out starts play; a player whose grace period
    /// has run out loses the game (<c>disconnected</c>). Says whether the phase changed.
    /// </summary>
    public bool Advance(DateTimeOffset now)
    {
        if (Phase == RoomPhase.Countdown && now >= CountdownEndsAt)
        {
            Phase = RoomPhase.Playing;
            StartedAt = Instant.Normalize(now);
            foreach (var spectator in _spectators)
            {
                Watched(spectator);
            }

            Raise(new PlayStarted(Id, [_players[0].Id, _players[1].Id], StartedAt.Value));
            return true;
        }

        if (Phase == RoomPhase.Playing)
        {
            // With both gone, the one whose seat was lost first loses.
            var lost = Enumerable.Range(0, 2)
                .Where(i => _reconnectBy[i] is { } by && now >= by)
                .OrderBy(i => _reconnectBy[i])
                .Select(i => (int?)i)
                .FirstOrDefault();
            if (lost is { } side)
            {
                Finish(1 - side, MatchEndReason.Disconnected, now);
                return true;
            }
        }

        return false;
    }

    /// <summary>A player's paddle intent, taken during the countdown and play. False when stale (see <see cref="PongGame.SetInput"/>).</summary>
    public bool Input(Guid playerId, PaddleInput input)
    {
        RequirePlayer(playerId);
        RequirePhase("move a paddle", RoomPhase.Countdown, RoomPhase.Playing);
        return Game!.SetInput(playerId, input);
    }

    /// <summary>
    /// One tick of play; the tick that reaches the winning score finishes the room at <paramref name="now"/>.
    /// <c>null</c> when nothing moves: not playing, or paused for a reconnection.
    /// </summary>
    public TickResult? Tick(DateTimeOffset now)
    {
        if (Phase != RoomPhase.Playing || IsPaused)
        {
            return null;
        }

        var result = Game!.Tick();
        if (result.Scored is { } point)
        {
            Raise(new Scored(Id, point.UserId, point.Score));
        }

        if (Game.WinnerIndex is { } winner)
        {
            Finish(winner, MatchEndReason.Score, now);
        }

        return result;
    }

    /// <summary>
    /// Someone leaves: a spectator stops watching; a player closes the room before play (an invitation's host
    /// cancels it) or forfeits during play. Nothing happens once the room is finished or closed.
    /// </summary>
    public void Leave(Guid userId, DateTimeOffset now)
    {
        if (IsSpectator(userId))
        {
            StopSpectating(userId);
            return;
        }

        var side = RequirePlayer(userId);
        switch (Phase)
        {
            case RoomPhase.Waiting:
                Close(Kind == RoomKind.Invitation ? ClosedReason.Canceled : ClosedReason.Left, userId, now);
                break;
            case RoomPhase.Settings:
            case RoomPhase.Countdown:
                Raise(new PlayerLeft(Id, userId, LeaveReason.Left));
                Close(ClosedReason.Left, userId, now);
                break;
            case RoomPhase.Playing:
                Raise(new PlayerLeft(Id, userId, LeaveReason.Left));
                Finish(1 - side, MatchEndReason.Forfeit, now);
                break;
            case RoomPhase.Finished:
            case RoomPhase.Closed:
            default:
                break;
        }
    }

    /// <summary>
    /// A user's connection is lost. A spectator is removed; a player closes the room before play, or during
    /// play pauses it until <paramref name="now"/> + <paramref name="grace"/> (a second loss keeps the first
    /// deadline). A zero grace ends the game at once.
    /// </summary>
    public void Disconnect(Guid userId, DateTimeOffset now, TimeSpan grace)
    {
        if (IsSpectator(userId))
        {
            StopSpectating(userId);
            return;
        }

        var side = RequirePlayer(userId);
        switch (Phase)
        {
            case RoomPhase.Waiting:
                Close(ClosedReason.Disconnected, userId, now);
                break;
            case RoomPhase.Settings:
            case RoomPhase.Countdown:
                Raise(new PlayerLeft(Id, userId, LeaveReason.Disconnected));
                Close(ClosedReason.Disconnected, userId, now);
                break;
            case RoomPhase.Playing:
                var reconnectBy = _reconnectBy[side] ??= Instant.Normalize(now + grace);
                Game!.ReleaseInput(userId);
                Raise(new PlayerDisconnected(Id, userId, reconnectBy));
                Advance(now);
                if (Phase == RoomPhase.Playing)
                {
                    Raise(new GamePaused(Id, AwaitingReconnect));
                }

                break;
            case RoomPhase.Finished:
            case RoomPhase.Closed:
            default:
                break;
        }
    }

    /// <summary>
    /// A player whose connection was lost is back. Within the grace period they take their seat again and
    /// play resumes once nobody is missing; after it the game is lost (<see cref="Advance"/>). Says whether
    /// the player took their seat back. A spectator simply spectates again.
    /// </summary>
    public bool Reconnect(Guid userId, DateTimeOffset now)
    {
        if (IsSpectator(userId))
        {
            return false;
        }

        var side = RequirePlayer(userId);
        Advance(now);
        if (Phase != RoomPhase.Playing || _reconnectBy[side] is null)
        {
            return false;
        }

        _reconnectBy[side] = null;
        Game!.ReleaseInput(userId);
        Raise(new PlayerReconnected(Id, userId));
        if (!IsPaused)
        {
            Raise(new GameResumed(Id));
        }

        return true;
    }

    /// <summary>
    /// Someone other than the players watches, from settings to the end of play; never across a block
    /// between the watcher and either player (<c>game.blocked</c>). <paramref name="blocks"/> are the
    /// watcher's, loaded now for both players: a block made after a player sat down counts too.
    /// </summary>
    public void Spectate(PlayerRef user, BlockState blocks)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(blocks);
        if (IsPlayer(user.Id))
        {
            throw GameErrors.AlreadyInRoom();
        }

        RequirePhase("spectate", RoomPhase.Settings, RoomPhase.Countdown, RoomPhase.Playing);
        var mine = blocks.For(user.Id);
        if (_players.Exists(player => mine.Across(player.Id)))
        {
            throw GameErrors.SpectatorBlocked();
        }

        if (!IsSpectator(user.Id))
        {
            _spectators.Add(user);
            Raise(new SpectatorJoined(Id, user));
            if (Phase == RoomPhase.Playing)
            {
                Watched(user);
            }
        }
    }

    /// <summary>Stops watching; says whether the user was watching.</summary>
    public bool StopSpectating(Guid userId)
    {
        if (_spectators.RemoveAll(s => s.Id == userId) == 0)
        {
            return false;
        }

        Raise(new SpectatorLeft(Id, userId));
        return true;
    }

    private int IndexOf(Guid userId) => _players.FindIndex(p => p.Id == userId);

    private int RequirePlayer(Guid userId)
    {
        var side = IndexOf(userId);
        return side >= 0 ? side : throw GameErrors.NotInRoom();
    }

    private void RequireHost(Guid userId)
    {
        if (RequirePlayer(userId) != 0)
        {
            throw GameErrors.NotHost();
        }
    }

    private PlayerRef RequireInvited(Guid userId)
    {
        if (Kind != RoomKind.Invitation)
        {
            throw GameErrors.NotAnInvitation(Id);
        }

        return InvitedUser!.Id == userId ? InvitedUser : throw GameErrors.NotInvited();
    }

    private void RequirePhase(string action, params RoomPhase[] allowed)
    {
        if (!allowed.Contains(Phase))
        {
            throw GameErrors.WrongPhase(Phase, action);
        }
    }

    private void Enter(PlayerRef user)
    {
        _players.Add(user);
        Phase = RoomPhase.Settings;
        Raise(new PlayersMatched(Id, Mode, [.. _players]));
    }

    private void Raise(RoomEvent happened) => _events.Add(happened);

    private void Watched(PlayerRef spectator)
    {
        if (!_watchedBy.Contains(spectator.Id))
        {
            _watchedBy.Add(spectator.Id);
        }
    }

    private void Close(ClosedReason reason, Guid? by, DateTimeOffset now)
    {
        if (reason == ClosedReason.TimedOut)
        {
            Raise(new WaitingExpired(Id, Host.Id));
        }

        if (Phase == RoomPhase.Waiting && InvitedUser is { } invited && reason != ClosedReason.Declined)
        {
            Raise(new InviteCanceled(Id, Host.Id, invited.Id, reason));
        }

        Phase = RoomPhase.Closed;
        Closure = new RoomClosure(reason, by, Instant.Normalize(now));
        CountdownStartedAt = null;
        Game = null;
        Array.Clear(_ready);
        Raise(new RoomClosed(Id, Closure));
    }

    private void Finish(int winner, MatchEndReason reason, DateTimeOffset now)
    {
        var game = Game!;
        Phase = RoomPhase.Finished;
        Array.Clear(_reconnectBy);
        Result = new Match(
            Id,
            Mode,
            Settings,
            [_players[0].Id, _players[1].Id],
            game.Score,
            _players[winner].Id,
            reason,
            StartedAt!.Value,
            Instant.Normalize(now),
            game.MaxDeficit,
            _watchedBy.ToArray());
        Raise(new GameFinished(Id, Result));
    }
}
