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
        await server.AskAsync(
            lobby => lobby.Input(command.UserId, command.RoomId, new PaddleInput(command.Up, command.Down, command.Seq)),
            cancellationToken);
        return Unit.Value;
    }
}
