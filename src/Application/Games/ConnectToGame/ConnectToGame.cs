using Mediator;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;

namespace Transcendence.Application.Games.ConnectToGame;

/// <summary>
/// A game-hub connection opened (a new tab, or a reconnect with a new connection id and no groups): it is
/// counted for the heartbeat, joins the groups of the user's rooms, and a player whose seat is held takes it back.
/// </summary>
public sealed record ConnectToGame(Guid UserId, string ConnectionId) : ICommand;

public sealed class ConnectToGameHandler(
    GameConnections connections, GameLobby lobby, GameOutbox outbox, IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<ConnectToGame>
{
    public async ValueTask<Unit> Handle(ConnectToGame command, CancellationToken cancellationToken)
    {
        connections.Connected(command.UserId, command.ConnectionId);
        notifier.Post(outbox, lobby.Connected(command.UserId, command.ConnectionId));

        // Online means any hub connection: a player with only the game open is online too.
        if (presence.Connected(command.UserId, command.ConnectionId))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
