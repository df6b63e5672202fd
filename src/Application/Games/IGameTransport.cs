namespace Transcendence.Application.Games;

/// <summary>Pushes game events to game-hub connections (implemented in Web over SignalR).</summary>
public interface IGameTransport
{
    Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken);

    Task ToRoomAsync(Guid roomId, string eventName, object payload, CancellationToken cancellationToken);

    Task ToConnectionAsync(string connectionId, string eventName, object payload, CancellationToken cancellationToken);

    Task AddToRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken);

    Task RemoveFromRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken);
}
