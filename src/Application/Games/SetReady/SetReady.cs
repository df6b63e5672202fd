using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.SetReady;

/// <summary>A player is ready or not; both ready starts the countdown, un-readying during it stops it.</summary>
public sealed record SetReady(Guid UserId, Guid RoomId, bool Ready) : ICommand, ILiveStateCommand;

public sealed class SetReadyHandler(GameLoop server) : ICommandHandler<SetReady>
{
    public async ValueTask<Unit> Handle(SetReady command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.SetReady(command.UserId, command.RoomId, command.Ready), cancellationToken);
        return Unit.Value;
    }
}
