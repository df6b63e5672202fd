using Mediator;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;

namespace Transcendence.Application.Games.DisconnectFromGame;

/// <summary>
/// A game-hub connection closed (or went silent through a heartbeat); when it was the user's last game
/// connection, the user is lost to their rooms at once. Presence forgets it either way.
/// </summary>
public sealed record DisconnectFromGame(Guid UserId, string ConnectionId) : ICommand;

public sealed class DisconnectFromGameHandler(
    GameConnections connections, GameLobby lobby, GameOutbox outbox, IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<DisconnectFromGame>
{
    public async ValueTask<Unit> Handle(DisconnectFromGame command, CancellationToken cancellationToken)
    {
        if (connections.Disconnected(command.ConnectionId, out var userId))
        {
            notifier.Post(outbox, lobby.ConnectionLost(userId));
        }

        if (presence.Disconnected(command.UserId, command.ConnectionId))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
