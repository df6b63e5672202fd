using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.AnswerPing;

/// <summary>The answer to <c>Ping {seq}</c> (hub method <c>Pong</c>): posted to the game server for its next turn, nothing to wait for.</summary>
public sealed record AnswerPing(string ConnectionId, long Seq) : ICommand, ILiveStateCommand;

public sealed class AnswerPingHandler(GameLoop server) : ICommandHandler<AnswerPing>
{
    public ValueTask<Unit> Handle(AnswerPing command, CancellationToken cancellationToken)
    {
        server.AnswerPing(command.ConnectionId, command.Seq);
        return ValueTask.FromResult(Unit.Value);
    }
}
