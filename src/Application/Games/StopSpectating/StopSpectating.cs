using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.StopSpectating;

public sealed record StopSpectating(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class StopSpectatingHandler(GameLoop server) : ICommandHandler<StopSpectating>
{
    public async ValueTask<Unit> Handle(StopSpectating command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.StopSpectating(command.UserId, command.RoomId), cancellationToken);
        return Unit.Value;
    }
}
