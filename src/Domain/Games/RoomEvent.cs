namespace Transcendence.Domain.Games;

/// <summary>
/// Something that happened in a <see cref="Room"/>, as a fact of the rules: the room records each one as
/// it happens and the one who owns the room takes them (<see cref="Room.TakeEvents"/>) to decide who hears
/// what. They say nothing of connections, groups or payloads.
/// </summary>
public abstract record RoomEvent(Guid RoomId);

/// <summary>A room opened with its host waiting: a queue room, or an invitation to <see cref="Invited"/>.</summary>
public sealed record RoomOpened(Guid RoomId, RoomKind Kind, GameMode Mode, PlayerRef Host, PlayerRef? Invited) : RoomEvent(RoomId);

/// <summary>The second player came in (joined from the queue, or accepted): the settings are open.</summary>
public sealed record PlayersMatched(Guid RoomId, GameMode Mode, IReadOnlyList<PlayerRef> Players) : RoomEvent(RoomId);

/// <summary>The host changed the settings; both players' readiness was cleared.</summary>
public sealed record SettingsChanged(Guid RoomId, GameSettings Settings) : RoomEvent(RoomId);

/// <summary>A player said they are ready, or no longer ready.</summary>
public sealed record ReadinessChanged(Guid RoomId, Guid UserId, bool Ready) : RoomEvent(RoomId);

/// <summary>Both players are ready: play starts at <see cref="EndsAt"/>.</summary>
public sealed record CountdownStarted(Guid RoomId, DateTimeOffset EndsAt) : RoomEvent(RoomId);

/// <summary>A player un-readied during the countdown: back to the settings.</summary>
public sealed record CountdownStopped(Guid RoomId, Guid UserId) : RoomEvent(RoomId);

/// <summary>The countdown ran out: the game is on.</summary>
public sealed record PlayStarted(Guid RoomId, IReadOnlyList<Guid> PlayerIds, DateTimeOffset At) : RoomEvent(RoomId);

/// <summary>A point: <see cref="UserId"/> scored it; <see cref="Score"/> is the score after it, in player order.</summary>
public sealed record Scored(Guid RoomId, Guid UserId, IReadOnlyList<int> Score) : RoomEvent(RoomId);

/// <summary>
/// A matched player left or lost their connection, and that ends their part: before play the room closes
/// (<see cref="RoomClosed"/> follows), during play they lose (<see cref="GameFinished"/> follows). A player
/// whose seat is held for them is <see cref="PlayerDisconnected"/> instead.
/// </summary>
public sealed record PlayerLeft(Guid RoomId, Guid UserId, LeaveReason Reason) : RoomEvent(RoomId);

/// <summary>A player's connection was lost during play; their seat is held until <see cref="ReconnectBy"/>.</summary>
public sealed record PlayerDisconnected(Guid RoomId, Guid UserId, DateTimeOffset ReconnectBy) : RoomEvent(RoomId);

/// <summary>A player whose seat was held is back in it.</summary>
public sealed record PlayerReconnected(Guid RoomId, Guid UserId) : RoomEvent(RoomId);

/// <summary>Play stopped for the players who are away, each with the moment their seat is lost.</summary>
public sealed record GamePaused(Guid RoomId, IReadOnlyDictionary<Guid, DateTimeOffset> AwaitingReconnect) : RoomEvent(RoomId);

/// <summary>Nobody is missing any more: play goes on.</summary>
public sealed record GameResumed(Guid RoomId) : RoomEvent(RoomId);

/// <summary>The game ended with a winner (score, forfeit or disconnection): the match to record.</summary>
public sealed record GameFinished(Guid RoomId, Match Match) : RoomEvent(RoomId);

/// <summary>The invited user declined (<see cref="RoomClosed"/> follows).</summary>
public sealed record InviteDeclined(Guid RoomId, Guid HostId, Guid GuestId) : RoomEvent(RoomId);

/// <summary>
/// An unanswered invitation ended without an answer (<see cref="RoomClosed"/> follows): the host withdrew it
/// or left (<c>canceled</c>), lost their connection (<c>disconnected</c>) or nobody answered in time
/// (<c>timed_out</c>).
/// </summary>
public sealed record InviteCanceled(Guid RoomId, Guid HostId, Guid GuestId, ClosedReason Reason) : RoomEvent(RoomId);

/// <summary>A waiting room (queue or invitation) waited too long; <see cref="RoomClosed"/> follows.</summary>
public sealed record WaitingExpired(Guid RoomId, Guid HostId) : RoomEvent(RoomId);

/// <summary>The room ended before play; always the last event of a closing room.</summary>
public sealed record RoomClosed(Guid RoomId, RoomClosure Closure) : RoomEvent(RoomId);

/// <summary>Someone started watching.</summary>
public sealed record SpectatorJoined(Guid RoomId, PlayerRef Spectator) : RoomEvent(RoomId);

/// <summary>A spectator stopped watching (asked, left or lost their connection).</summary>
public sealed record SpectatorLeft(Guid RoomId, Guid UserId) : RoomEvent(RoomId);
