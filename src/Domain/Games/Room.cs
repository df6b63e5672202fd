using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.Games;

/// <summary>
/// A game room from first player to result: <c>waiting</c> → <c>settings</c> → <c>countdown</c> →
/// <c>playing</c> → <c>finished</c>, or <c>closed</c> when it ends before play. <see cref="Players"/>[0]
/// is the host and the left paddle. Time comes in as arguments; the room keeps no clock and is not
/// thread-safe (one match loop owns it).
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

    private readonly List<User> _players = new(2);
    private readonly List<User> _spectators = [];
    private readonly List<Guid> _watchedBy = [];
    private readonly bool[] _ready = new bool[2];
    private readonly DateTimeOffset?[] _reconnectBy = new DateTimeOffset?[2];

    private Room(RoomKind kind, User host, User? invited, GameMode mode, DateTimeOffset now)
    {
        Id = UuidV7.NewId(now);
        Kind = kind;
        Mode = mode;
        CreatedAt = Instant.Normalize(now);
        InvitedUser = invited;
        _players.Add(host);
    }

    public Guid Id { get; }

    public RoomKind Kind { get; }

    public GameMode Mode { get; }

    public RoomPhase Phase { get; private set; } = RoomPhase.Waiting;

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The host (left paddle), then the second player once there.</summary>
    public IReadOnlyList<User> Players => _players;

    public User Host => _players[0];

    /// <summary>The user an invitation room was opened for; <c>null</c> for a queue room.</summary>
    public User? InvitedUser { get; }

    public IReadOnlyList<User> Spectators => _spectators;

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

    /// <summary>A queue room for <paramref name="mode"/> with <paramref name="host"/> waiting in it.</summary>
    public static Room OpenQueue(User host, GameMode mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new Room(RoomKind.Queue, host, null, mode, now);
    }

    /// <summary>An invitation from <paramref name="host"/> to <paramref name="guest"/>; never in the queue.</summary>
    public static Room OpenInvitation(User host, User guest, GameMode mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guest);
        if (host.Id == guest.Id)
        {
            throw GameErrors.Invalid("you cannot invite yourself");
        }

        if (EitherBlocks(host, guest))
        {
            throw GameErrors.Blocked();
        }

        return new Room(RoomKind.Invitation, host, guest, mode, now);
    }

    public bool IsPlayer(User user) => IndexOf(user) >= 0;

    public bool IsSpectator(User user) => _spectators.Any(s => s.Id == user.Id);

    /// <summary>The other player of a two-player room.</summary>
    public User OpponentOf(User player)
    {
        var side = RequirePlayer(player);
        return _players.Count == 2 ? _players[1 - side] : throw GameErrors.WrongPhase(Phase, "name an opponent");
    }

    /// <summary>
    /// Whether the queue may put <paramref name="user"/> in this room: a waiting queue room whose player
    /// is someone else who neither blocks nor is blocked by them.
    /// </summary>
    public bool CanBeJoinedBy(User user) =>
        Kind == RoomKind.Queue
        && Phase == RoomPhase.Waiting
        && Host.Id != user.Id
        && !EitherBlocks(Host, user);

    /// <summary><see cref="CanBeJoinedBy(User)"/> for a caller queueing for <paramref name="mode"/>.</summary>
    public bool CanBeJoinedBy(User user, GameMode mode) => Mode == mode && CanBeJoinedBy(user);

    /// <summary>The queue's second player arrives: on to settings.</summary>
    public void Join(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Kind != RoomKind.Queue)
        {
            throw GameErrors.NotInvited();
        }

        if (IsPlayer(user))
        {
            throw GameErrors.AlreadyInRoom();
        }

        RequirePhase("join", RoomPhase.Waiting);
        if (EitherBlocks(Host, user))
        {
            throw GameErrors.Blocked();
        }

        Enter(user);
    }

    /// <summary>The invited user accepts: on to settings. Refused if a block came between the two since.</summary>
    public void Accept(User guest)
    {
        RequireInvited(guest);
        RequirePhase("accept", RoomPhase.Waiting);
        if (EitherBlocks(Host, guest))
        {
            throw GameErrors.Blocked();
        }

        Enter(guest);
    }

    /// <summary>The invited user declines: the room closes.</summary>
    public void Decline(User guest, DateTimeOffset now)
    {
        RequireInvited(guest);
        RequirePhase("decline", RoomPhase.Waiting);
        Close(ClosedReason.Declined, guest, now);
    }

    /// <summary>The host withdraws an unanswered invitation: the room closes.</summary>
    public void Cancel(User host, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Kind != RoomKind.Invitation)
        {
            throw GameErrors.NotAnInvitation(Id);
        }

        RequireHost(host);
        RequirePhase("cancel", RoomPhase.Waiting);
        Close(ClosedReason.Canceled, host, now);
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
    public void UpdateSettings(User by, int? winningScore = null, double? ballSpeed = null, int? paddleSize = null)
    {
        RequireHost(by);
        RequirePhase("change the settings", RoomPhase.Settings);
        var updated = Settings.With(winningScore, ballSpeed, paddleSize);
        if (updated != Settings)
        {
            Settings = updated;
            Array.Clear(_ready);
        }
    }

    /// <summary>
    /// A player says whether they are ready. Both ready starts the countdown at <paramref name="now"/>;
    /// un-readying during the countdown stops it and goes back to settings.
    /// </summary>
    public void SetReady(User player, bool ready, DateTimeOffset now)
    {
        var side = RequirePlayer(player);
        RequirePhase("change readiness", RoomPhase.Settings, RoomPhase.Countdown);
        _ready[side] = ready;
        if (Phase == RoomPhase.Settings && _ready[0] && _ready[1])
        {
            Phase = RoomPhase.Countdown;
            CountdownStartedAt = Instant.Normalize(now);
            Game = new PongGame(_players[0].Id, _players[1].Id, Mode, Settings, Seed);
        }
        else if (Phase == RoomPhase.Countdown && !ready)
        {
            Phase = RoomPhase.Settings;
            CountdownStartedAt = null;
            Game = null;
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
    public bool Input(User player, PaddleInput input)
    {
        RequirePlayer(player);
        RequirePhase("move a paddle", RoomPhase.Countdown, RoomPhase.Playing);
        return Game!.SetInput(player.Id, input);
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
    public void Leave(User user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (IsSpectator(user))
        {
            StopSpectating(user);
            return;
        }

        var side = RequirePlayer(user);
        switch (Phase)
        {
            case RoomPhase.Waiting:
                Close(Kind == RoomKind.Invitation ? ClosedReason.Canceled : ClosedReason.Left, user, now);
                break;
            case RoomPhase.Settings:
            case RoomPhase.Countdown:
                Close(ClosedReason.Left, user, now);
                break;
            case RoomPhase.Playing:
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
    public void Disconnect(User user, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (IsSpectator(user))
        {
            StopSpectating(user);
            return;
        }

        var side = RequirePlayer(user);
        switch (Phase)
        {
            case RoomPhase.Waiting:
            case RoomPhase.Settings:
            case RoomPhase.Countdown:
                Close(ClosedReason.Disconnected, user, now);
                break;
            case RoomPhase.Playing:
                _reconnectBy[side] ??= Instant.Normalize(now + grace);
                Game!.ReleaseInput(user.Id);
                Advance(now);
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
    public bool Reconnect(User user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (IsSpectator(user))
        {
            return false;
        }

        var side = RequirePlayer(user);
        Advance(now);
        if (Phase != RoomPhase.Playing || _reconnectBy[side] is null)
        {
            return false;
        }

        _reconnectBy[side] = null;
        Game!.ReleaseInput(user.Id);
        return true;
    }

    /// <summary>
    /// Someone other than the players watches, from settings to the end of play; never across a block
    /// between the watcher and either player (<c>game.blocked</c>). <paramref name="playersNow"/> are the
    /// players as the store holds them now, when the caller has them: a block made after a player sat
    /// down counts too.
    /// </summary>
    public void Spectate(User user, IReadOnlyCollection<User>? playersNow = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (IsPlayer(user))
        {
            throw GameErrors.AlreadyInRoom();
        }

        RequirePhase("spectate", RoomPhase.Settings, RoomPhase.Countdown, RoomPhase.Playing);
        var players = _players.Select(seated => playersNow?.FirstOrDefault(p => p.Id == seated.Id) ?? seated);
        if (players.Any(player => EitherBlocks(player, user)))
        {
            throw GameErrors.SpectatorBlocked();
        }
        if (!IsSpectator(user))
        {
            _spectators.Add(user);
            if (Phase == RoomPhase.Playing)
            {
                Watched(user);
            }
        }
    }

    /// <summary>Stops watching; says whether the user was watching.</summary>
    public bool StopSpectating(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _spectators.RemoveAll(s => s.Id == user.Id) > 0;
    }

    private static bool EitherBlocks(User a, User b) => a.Blocks(b) || a.IsBlockedBy(b);

    private int IndexOf(User user) => _players.FindIndex(p => p.Id == user.Id);

    private int RequirePlayer(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var side = IndexOf(user);
        return side >= 0 ? side : throw GameErrors.NotInRoom();
    }

    private void RequireHost(User user)
    {
        if (RequirePlayer(user) != 0)
        {
            throw GameErrors.NotHost();
        }
    }

    private void RequireInvited(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Kind != RoomKind.Invitation)
        {
            throw GameErrors.NotAnInvitation(Id);
        }

        if (InvitedUser!.Id != user.Id)
        {
            throw GameErrors.NotInvited();
        }
    }

    private void RequirePhase(string action, params RoomPhase[] allowed)
    {
        if (!allowed.Contains(Phase))
        {
            throw GameErrors.WrongPhase(Phase, action);
        }
    }

    private void Enter(User user)
    {
        _players.Add(user);
        Phase = RoomPhase.Settings;
    }

    private void Watched(User spectator)
    {
        if (!_watchedBy.Contains(spectator.Id))
        {
            _watchedBy.Add(spectator.Id);
        }
    }

    private void Close(ClosedReason reason, User? by, DateTimeOffset now)
    {
        Phase = RoomPhase.Closed;
        Closure = new RoomClosure(reason, by?.Id, Instant.Normalize(now));
        CountdownStartedAt = null;
        Game = null;
        Array.Clear(_ready);
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
    }
}
