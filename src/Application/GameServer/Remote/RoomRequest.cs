using System.Text.Json.Serialization;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer.Remote;

/// <summary>
/// A change to a live room, or a question about it, for the instance that owns the room, in a form that crosses
/// instances (JSON, <see cref="GameRooms"/>). On the owner it runs on the game server's loop
/// (<see cref="Apply"/>), where the room decides; what it answers or refuses comes back to the caller as it would
/// on one instance. Blocks travel as the users across a block with the caller, loaded by the caller's instance.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(JoinQueuedRoom), "join")]
[JsonDerivedType(typeof(LeaveWaitingRoom), "leaveQueue")]
[JsonDerivedType(typeof(AcceptInvitation), "accept")]
[JsonDerivedType(typeof(DeclineInvitation), "decline")]
[JsonDerivedType(typeof(CancelInvitation), "cancel")]
[JsonDerivedType(typeof(ChangeSettings), "settings")]
[JsonDerivedType(typeof(MarkReady), "ready")]
[JsonDerivedType(typeof(CheckedSteer), "steer")]
[JsonDerivedType(typeof(Watch), "watch")]
[JsonDerivedType(typeof(Unwatch), "unwatch")]
[JsonDerivedType(typeof(QuitRoom), "leave")]
[JsonDerivedType(typeof(ViewRoom), "view")]
public abstract record RoomRequest
{
    /// <summary>Runs on the owner's loop: the answer (null for none) and what must happen next.</summary>
    internal abstract (object? Result, IReadOnlyList<GameEffect> Effects) Apply(GameLobby lobby);

    private protected static (object?, IReadOnlyList<GameEffect>) Done(IReadOnlyList<GameEffect> effects) => (null, effects);
}

/// <summary>The queue matched the caller into this waiting room (<see cref="GameLobby.JoinQueued"/>).</summary>
public sealed record JoinQueuedRoom(Guid RoomId, PlayerRef Caller, IReadOnlyCollection<Guid> Across) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) =>
        Done(lobby.JoinQueued(Caller, RoomId, BlockState.WithEveryone(Caller.Id, Across)));
}

public sealed record LeaveWaitingRoom(Guid UserId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.LeaveQueue(UserId));
}

public sealed record AcceptInvitation(Guid RoomId, Guid GuestId, IReadOnlyCollection<Guid> Across) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) =>
        Done(lobby.Accept(GuestId, RoomId, BlockState.WithEveryone(GuestId, Across)));
}

public sealed record DeclineInvitation(Guid RoomId, Guid GuestId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.Decline(GuestId, RoomId));
}

public sealed record CancelInvitation(Guid RoomId, Guid HostId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.Cancel(HostId, RoomId));
}

public sealed record ChangeSettings(Guid RoomId, Guid UserId, int? WinningScore, double? BallSpeed, int? PaddleSize) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) =>
        Done(lobby.UpdateSettings(UserId, RoomId, WinningScore, BallSpeed, PaddleSize));
}

public sealed record MarkReady(Guid RoomId, Guid UserId, bool Ready) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.SetReady(UserId, RoomId, Ready));
}

/// <summary>A paddle intent the caller's instance could not send straight on: the room answers why it is refused.</summary>
public sealed record CheckedSteer(Guid RoomId, Guid UserId, PaddleInput Input) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby)
    {
        lobby.Input(UserId, RoomId, Input);
        return Done([]);
    }
}

public sealed record Watch(Guid RoomId, PlayerRef User, IReadOnlyCollection<Guid> Across) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) =>
        Done(lobby.Spectate(User, RoomId, BlockState.WithEveryone(User.Id, Across)));
}

public sealed record Unwatch(Guid RoomId, Guid UserId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.StopSpectating(UserId, RoomId));
}

public sealed record QuitRoom(Guid RoomId, Guid UserId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => Done(lobby.LeaveRoom(UserId, RoomId));
}

/// <summary>The room as its members see it (<c>RoomUpdated</c>'s payload), for a connection that joined it on another instance.</summary>
public sealed record ViewRoom(Guid RoomId) : RoomRequest
{
    internal override (object?, IReadOnlyList<GameEffect>) Apply(GameLobby lobby) => (lobby.View(RoomId), []);
}

/// <summary>What one instance tells a room's owner without waiting for an answer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(Steer), "steer")]
[JsonDerivedType(typeof(AudienceChange), "audience")]
public abstract record RoomTell;

/// <summary>A paddle intent of one of the room's players: applied at the next tick, or dropped (the room moved on).</summary>
public sealed record Steer(Guid RoomId, Guid UserId, PaddleInput Input) : RoomTell;

/// <summary>The sender holds a game connection of the member in the room's group now (<see cref="Present"/>), or no longer.</summary>
public sealed record AudienceChange(Guid RoomId, Guid UserId, bool Present) : RoomTell;
