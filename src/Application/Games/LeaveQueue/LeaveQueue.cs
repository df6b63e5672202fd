using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.LeaveQueue;

/// <summary>Leaves the caller's waiting queue room; nothing happens when they have none.</summary>
public sealed record LeaveQueue(Guid UserId) : ICommand, ILiveStateCommand;

public sealed class LeaveQueueHandler(GameRooms rooms, IGameDirectory directory) : ICommandHandler<LeaveQueue>
{
    public async ValueTask<Unit> Handle(LeaveQueue command, CancellationToken cancellationToken)
    {
        // The waiting room is where the caller's seat is, on whichever instance opened it.
        if (await directory.SeatOfAsync(command.UserId, cancellationToken) is { } seat)
        {
            await rooms.AskAsync<object>(seat.Owner, new LeaveWaitingRoom(command.UserId), cancellationToken);
        }

        return Unit.Value;
    }
}
