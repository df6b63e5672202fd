namespace Transcendence.Application.Common.Ports;

/// <summary>
/// What the <see cref="GameServer.GameLoop"/> hands its sends to (implemented in Web over SignalR). The loop never awaits
/// these tasks: a send completes when the client's socket has taken the bytes, and one client that stops
/// reading must not hold back a tick. Group changes must take effect before the call returns for a later
/// send to the room to include the connection (SignalR's in-process groups do).
/// </summary>
public interface IGameTransport
{
    /// <summary>Every connection in the room's group (players and spectators): serialised once for all of them.</summary>
    Task ToRoomAsync(Guid roomId, string eventName, object payload);

    Task ToConnectionAsync(string connectionId, string eventName, object payload);

    Task AddToRoomAsync(string connectionId, Guid roomId);

    Task RemoveFromRoomAsync(string connectionId, Guid roomId);

    /// <summary>Closes a connection the loop has declared lost (its client sees the close and reconnects).</summary>
    Task CloseAsync(string connectionId);
}
