using Mediator;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>
/// What a change to the live rooms must make happen, in order, handed on by the game server's loop: sends on the game
/// hub, group changes, and slow follow-up work (storing a match, presence) that never runs in a tick.
/// </summary>
public abstract record GameEffect;

/// <summary>Every game connection of each user.</summary>
public sealed record SendToUsers(IReadOnlyCollection<Guid> UserIds, string EventName, object Payload) : GameEffect;

/// <summary>
/// Every connection in the room's group on this instance (players and spectators), and on the other instances every
/// connection of the users in <paramref name="Elsewhere"/> (published on their user topics, which every instance
/// holding one of their connections hears from the moment it connected: a room's group on another instance may
/// not hear yet what is published right after someone joined it).
/// </summary>
public sealed record SendToRoom(Guid RoomId, string EventName, object Payload, IReadOnlyCollection<Guid> Elsewhere) : GameEffect;

/// <summary>One connection.</summary>
public sealed record SendToConnection(string ConnectionId, string EventName, object Payload) : GameEffect;

/// <summary>Every game connection of the user joins (or leaves) the room's group.</summary>
public sealed record JoinRoomGroup(Guid UserId, Guid RoomId, bool Join = true) : GameEffect;

/// <summary>One connection joins the room's group (a new tab or a reconnect).</summary>
public sealed record JoinConnectionToRoom(string ConnectionId, Guid RoomId) : GameEffect;

/// <summary>
/// A finished match: stored off the tick (its own scope and transaction), and only then announced with
/// <c>GameEnded</c> (carrying the rating changes) to <see cref="Audience"/>, its players and spectators.
/// </summary>
public sealed record StoreMatch(Match Match, IReadOnlyCollection<Guid> Audience) : GameEffect;

/// <summary>A command sent later in its own scope, off the tick (presence news, a lost connection).</summary>
public sealed record FollowUp(ICommand Command) : GameEffect;
