using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.SteerPaddle;

/// <summary>
/// A paddle intent for the next tick (hub method <c>Input</c>); a <c>seq</c> not above the last one applied is
/// ignored. The hot path: no store, no transaction, one message to the game server.
/// </summary>
public sealed record SteerPaddle(Guid UserId, Guid RoomId, bool Up, bool Down, long Seq) : ICommand, ILiveStateCommand;

public sealed class SteerPaddleHandler(GameLoop server) : ICommandHandler<SteerPaddle>
{
    public async ValueTask<Unit> Handle(SteerPaddle command, CancellationToken cancellationToken)
    {
        var input = new PaddleInput(command.Up, command.Down, command.Seq);
        if (!server.TrySteer(command.UserId, command.RoomId, input))
        {
            // Not a player of that room, as far as the loop last published: the loop itself answers why.
            await server.AskAsync(lobby => lobby.Input(command.UserId, command.RoomId, input), cancellationToken);
        }

        return Unit.Value;
    }
}
