namespace Transcendence.Application.Common.Ports;

/// <summary>
/// What the <see cref="GameServer.GameLoop"/> hands its sends to (implemented in Web over SignalR). The loop never awaits
/// these tasks: a send completes when the client's socket has taken the bytes, and one client that stops
/// reading must not hold back a tick. Group changes must take effect before the call returns for a later
/// send to the room to include the connection (SignalR's in-process groups do). Sends to a room or to users reach
/// their connections on every instance; sends to a connection stay on this one (a connection is on one instance).
/// </summary>
public interface IGameTransport
{
    /// <summary>
    /// Every connection in the room's group here (players and spectators), and every connection of the users in
    /// <paramref name="elsewhere"/> on the other instances: serialised once for all of them.
    /// </summary>
    Task ToRoomAsync(Guid roomId, string eventName, object payload, IReadOnlyCollection<Guid> elsewhere);

    /// <summary>Every game connection of each user, on every instance.</summary>
    Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload);

    Task ToConnectionAsync(string connectionId, string eventName, object payload);

    /// <summary>Every game connection of the user, on every instance, joins the room's group.</summary>
    Task AddUserToRoomAsync(Guid userId, Guid roomId);

    /// <summary>Every game connection of the user, on every instance, leaves the room's group.</summary>
    Task RemoveUserFromRoomAsync(Guid userId, Guid roomId);

    Task AddToRoomAsync(string connectionId, Guid roomId);

    /// <summary>Every connection on this instance leaves the room's group (a room whose owner died).</summary>
    Task EmptyRoomHereAsync(Guid roomId);

    /// <summary>Closes a connection the loop has declared lost (its client sees the close and reconnects).</summary>
    Task CloseAsync(string connectionId);
}
