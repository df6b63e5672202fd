using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.StopSpectating;

public sealed record StopSpectating(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class StopSpectatingHandler(GameRooms rooms) : ICommandHandler<StopSpectating>
{
    public async ValueTask<Unit> Handle(StopSpectating command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(command.RoomId, new Unwatch(command.RoomId, command.UserId), cancellationToken);
        return Unit.Value;
    }
}
