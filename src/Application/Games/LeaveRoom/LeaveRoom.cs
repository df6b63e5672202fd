using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.LeaveRoom;

/// <summary>A spectator stops watching; a player closes the room before play or forfeits during it.</summary>
public sealed record LeaveRoom(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class LeaveRoomHandler(GameRooms rooms) : ICommandHandler<LeaveRoom>
{
    public async ValueTask<Unit> Handle(LeaveRoom command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(command.RoomId, new QuitRoom(command.RoomId, command.UserId), cancellationToken);
        return Unit.Value;
    }
}
