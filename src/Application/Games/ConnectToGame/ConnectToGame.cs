using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.ConnectToGame;

/// <summary>
/// A game-hub connection opened (a new tab, or a reconnect with a new connection id and no groups): it is
/// counted for the heartbeat, joins the groups of the user's rooms, and a player whose seat is held takes it
/// back. (Presence counted it already, before its handshake: see <see cref="Presence.ConnectUser.ConnectUser"/>.)
/// </summary>
public sealed record ConnectToGame(Guid UserId, string ConnectionId) : ICommand;

public sealed class ConnectToGameHandler(GameConnections connections, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<ConnectToGame>
{
    public ValueTask<Unit> Handle(ConnectToGame command, CancellationToken cancellationToken)
    {
        connections.Connected(command.UserId, command.ConnectionId);
        notifier.Post(outbox, lobby.Connected(command.UserId, command.ConnectionId));
        return ValueTask.FromResult(Unit.Value);
    }
}
