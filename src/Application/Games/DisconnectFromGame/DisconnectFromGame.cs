using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.DisconnectFromGame;

/// <summary>
/// A game-hub connection closed: it takes the same path in the game server as one the heartbeat declares
/// lost; when it was the user's last game connection, the user is lost to their rooms at once. (Presence
/// stops counting it when it leaves the hub's connection registry, after this: see
/// <see cref="Presence.DisconnectUser.DisconnectUser"/>.)
/// </summary>
public sealed record DisconnectFromGame(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed class DisconnectFromGameHandler(GameLoop server) : ICommandHandler<DisconnectFromGame>
{
    public async ValueTask<Unit> Handle(DisconnectFromGame command, CancellationToken cancellationToken)
    {
        await server.ClosedAsync(command.ConnectionId);
        return Unit.Value;
    }
}
