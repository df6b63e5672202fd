using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.LeaveRoom;

/// <summary>A spectator stops watching; a player closes the room before play or forfeits during it.</summary>
public sealed record LeaveRoom(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class LeaveRoomHandler(GameLoop server) : ICommandHandler<LeaveRoom>
{
    public async ValueTask<Unit> Handle(LeaveRoom command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.LeaveRoom(command.UserId, command.RoomId), cancellationToken);
        return Unit.Value;
    }
}
