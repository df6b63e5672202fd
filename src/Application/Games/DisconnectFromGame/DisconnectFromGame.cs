using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.DisconnectFromGame;

/// <summary>
/// A game-hub connection closed (or went silent through a heartbeat); when it was the user's last game
/// connection, the user is lost to their rooms at once. (Presence forgets it when it has closed: see
/// <see cref="Presence.DisconnectUser.DisconnectUser"/>.)
/// </summary>
public sealed record DisconnectFromGame(Guid UserId, string ConnectionId) : ICommand;

public sealed class DisconnectFromGameHandler(GameConnections connections, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<DisconnectFromGame>
{
    public ValueTask<Unit> Handle(DisconnectFromGame command, CancellationToken cancellationToken)
    {
        if (connections.Disconnected(command.ConnectionId, out var userId))
        {
            notifier.Post(outbox, lobby.ConnectionLost(userId));
        }

        return ValueTask.FromResult(Unit.Value);
    }
}
