using Transcendence.Application.Channels;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>The game hub's event names (docs/hubs.md, declared in HubEvents) and their payloads.</summary>
public static class GameEvents
{
    public const string Matched = "Matched";
    public const string RoomUpdated = "RoomUpdated";
    public const string QueueTimedOut = "QueueTimedOut";
    public const string Invited = "Invited";
    public const string InviteDeclined = "InviteDeclined";
    public const string InviteCanceled = "InviteCanceled";
    public const string State = "State";
    public const string Scored = "Scored";
    public const string PlayerLeft = "PlayerLeft";
    public const string GameEnded = "GameEnded";
    public const string Ping = "Ping";

    /// <summary>The lowercase phase names clients see; <c>closed</c> is the room ending before play.</summary>
    public static string NameOf(RoomPhase phase) => phase.ToString().ToLowerInvariant();

    /// <summary><c>timed_out</c>, <c>left</c>, <c>disconnected</c>, <c>declined</c>, <c>canceled</c>.</summary>
    public static string NameOf(ClosedReason reason) => reason switch
    {
        ClosedReason.TimedOut => "timed_out",
        _ => reason.ToString().ToLowerInvariant(),
    };

    /// <summary><c>score</c>, <c>forfeit</c>, <c>disconnected</c>.</summary>
    public static string NameOf(MatchEndReason reason) => reason.ToString().ToLowerInvariant();

    /// <summary><c>left</c>, <c>disconnected</c>.</summary>
    public static string NameOf(LeaveReason reason) => reason.ToString().ToLowerInvariant();
}

/// <summary>The settings as the wire carries them.</summary>
public sealed record GameSettingsView(int WinningScore, double BallSpeed, int PaddleSize)
{
    public static GameSettingsView Of(GameSettings settings) => new(settings.WinningScore, settings.BallSpeed, settings.PaddleSize);
}

/// <summary><c>RoomUpdated</c>: the room as it is now. <see cref="Players"/>[0] is the host and the left paddle.</summary>
/// <param name="Phase"><c>waiting</c>, <c>settings</c>, <c>countdown</c>, <c>playing</c>, <c>finished</c> or <c>closed</c>.</param>
/// <param name="AwaitingReconnect">Players whose connection is lost while playing, with the moment their seat is lost.</param>
public sealed record RoomUpdatedEvent(
    Guid RoomId,
    string Phase,
    string Mode,
    string Kind,
    IReadOnlyList<UserRef> Players,
    GameSettingsView Settings,
    IReadOnlyList<bool> Ready,
    DateTimeOffset? CountdownEndsAt,
    bool Paused,
    IReadOnlyList<ReconnectDeadline> AwaitingReconnect,
    int Spectators)
{
    public static RoomUpdatedEvent Of(Room room) => new(
        room.Id,
        GameEvents.NameOf(room.Phase),
        room.Mode.ToName(),
        room.Kind.ToString().ToLowerInvariant(),
        [.. room.Players.Select(p => new UserRef(p.Id, p.Name))],
        GameSettingsView.Of(room.Settings),
        [.. room.Ready],
        room.CountdownEndsAt,
        room.IsPaused,
        [.. room.AwaitingReconnect.Select(a => new ReconnectDeadline(a.Key, a.Value))],
        room.Spectators.Count);
}

public sealed record ReconnectDeadline(Guid UserId, DateTimeOffset Until);

public sealed record MatchedEvent(Guid RoomId, string Mode, IReadOnlyList<UserRef> Players);

public sealed record RoomRef(Guid RoomId);

public sealed record InvitedEvent(Guid RoomId, UserRef From, string Mode);

public sealed record BallView(double X, double Y, double Vx, double Vy);

/// <param name="LastSeq">The last input sequence number applied to this paddle (null before any), for client reconciliation.</param>
public sealed record PaddleView(Guid UserId, double Y, long? LastSeq);

public sealed record StateEvent(Guid RoomId, long Tick, BallView Ball, IReadOnlyList<PaddleView> Paddles, IReadOnlyList<int> Score)
{
    public static StateEvent Of(Guid roomId, GameSnapshot s) => new(
        roomId,
        s.Tick,
        new BallView(s.Ball.X, s.Ball.Y, s.Ball.Vx, s.Ball.Vy),
        [.. s.Paddles.Select(p => new PaddleView(p.UserId, p.Y, p.LastSeq))],
        [.. s.Score]);
}

public sealed record ScoredEvent(Guid RoomId, Guid UserId, IReadOnlyList<int> Score);

/// <param name="Reason"><c>left</c> or <c>disconnected</c>.</param>
public sealed record PlayerLeftEvent(Guid RoomId, Guid UserId, string Reason);

/// <summary>
/// <c>GameEnded</c>. A played game's is sent once the match is stored, so a profile read on it already shows the
/// result; <see cref="RatingChange"/> is each player's rating change (user id to points, e.g. <c>+16</c> / <c>-16</c>).
/// </summary>
/// <param name="WinnerId">Null only for <c>shutdown</c>.</param>
/// <param name="Reason"><c>score</c>, <c>forfeit</c>, <c>disconnected</c>, <c>shutdown</c> (the server stopped
/// during play: nothing is stored, nobody wins or loses), or <c>instance_lost</c> (the instance running the game
/// died; the same, and <see cref="Score"/> is empty: the last score died with it).</param>
/// <param name="RatingChange">Empty for <c>shutdown</c>, and when the result could not be stored.</param>
public sealed record GameEndedEvent(Guid RoomId, Guid? WinnerId, IReadOnlyList<int> Score, string Reason, IReadOnlyDictionary<Guid, int> RatingChange)
{
    public const string ShutdownReason = "shutdown";

    public const string InstanceLostReason = "instance_lost";

    public static GameEndedEvent Of(Match match, IReadOnlyDictionary<Guid, int> ratingChange) =>
        new(match.Id, match.WinnerId, [.. match.Score], GameEvents.NameOf(match.Reason), ratingChange);

    public static GameEndedEvent Shutdown(Guid roomId, IReadOnlyList<int> score) =>
        new(roomId, null, score, ShutdownReason, new Dictionary<Guid, int>());

    /// <summary>The instance running the game died: nothing is stored, nobody wins or loses; the last score is not known here.</summary>
    public static GameEndedEvent InstanceLost(Guid roomId) =>
        new(roomId, null, [], InstanceLostReason, new Dictionary<Guid, int>());
}

public sealed record PingEvent(long Seq);

/// <summary>A game one may watch (<c>GET /api/games/live</c>); <see cref="Score"/>[0] is <see cref="Players"/>[0]'s.</summary>
/// <param name="Phase"><c>settings</c>, <c>countdown</c> or <c>playing</c>.</param>
public sealed record LiveGame(Guid RoomId, string Mode, string Phase, IReadOnlyList<UserRef> Players, IReadOnlyList<int> Score, int Spectators);
