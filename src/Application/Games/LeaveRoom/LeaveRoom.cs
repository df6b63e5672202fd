using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.LeaveRoom;

/// <summary>A spectator stops watching; a player closes the room before play or forfeits during it.</summary>
public sealed record LeaveRoom(Guid UserId, Guid RoomId) : ICommand;

public sealed class LeaveRoomHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<LeaveRoom>
{
    public ValueTask<Unit> Handle(LeaveRoom command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.LeaveRoom(command.UserId, command.RoomId));
        return ValueTask.FromResult(Unit.Value);
    }
}
