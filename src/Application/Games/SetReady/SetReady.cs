using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.SetReady;

/// <summary>A player is ready or not; both ready starts the countdown, un-readying during it stops it.</summary>
public sealed record SetReady(Guid UserId, Guid RoomId, bool Ready) : ICommand, ILiveStateCommand;

public sealed class SetReadyHandler(GameRooms rooms) : ICommandHandler<SetReady>
{
    public async ValueTask<Unit> Handle(SetReady command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(command.RoomId, new MarkReady(command.RoomId, command.UserId, command.Ready), cancellationToken);
        return Unit.Value;
    }
}
