using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.SteerPaddle;

/// <summary>
/// A paddle intent for the next tick (hub method <c>Input</c>); a <c>seq</c> not above the last one applied is
/// ignored. The hot path: no store, no transaction, one message to the game server (another instance's, for a
/// room that runs there).
/// </summary>
public sealed record SteerPaddle(Guid UserId, Guid RoomId, bool Up, bool Down, long Seq) : ICommand, ILiveStateCommand;

public sealed class SteerPaddleHandler(GameLoop server, GameRooms rooms, RemoteRooms remote) : ICommandHandler<SteerPaddle>
{
    public async ValueTask<Unit> Handle(SteerPaddle command, CancellationToken cancellationToken)
    {
        var input = new PaddleInput(command.Up, command.Down, command.Seq);
        if (server.TrySteer(command.UserId, command.RoomId, input) || remote.TrySteer(command.UserId, command.RoomId, input))
        {
            return Unit.Value;
        }

        // Not a player of a room here, as far as the loop last published, nor one another instance accepted inputs
        // for: the room's owner takes it or answers why not; once it took one, the next go straight to it.
        var owner = await rooms.OwnerOfAsync(command.RoomId, cancellationToken);
        await rooms.AskAsync<object>(owner, new CheckedSteer(command.RoomId, command.UserId, input), cancellationToken);
        remote.MaySteer(command.UserId, command.RoomId, owner);

        return Unit.Value;
    }
}
