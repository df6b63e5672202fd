using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.ConnectToGame;

/// <summary>
/// A game-hub connection opened (a new tab, or a reconnect with a new connection id and no groups): it is
/// counted for the heartbeat, joins the groups of the user's rooms, and a player whose seat is held takes it
/// back. (Presence counts it already: the game hub's connection registry has held it since before its
/// handshake; see <see cref="Presence.ConnectUser.ConnectUser"/>.)
/// </summary>
public sealed record ConnectToGame(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed class ConnectToGameHandler(GameLoop server) : ICommandHandler<ConnectToGame>
{
    public async ValueTask<Unit> Handle(ConnectToGame command, CancellationToken cancellationToken)
    {
        await server.ConnectedAsync(command.UserId, command.ConnectionId, cancellationToken);
        return Unit.Value;
    }
}
