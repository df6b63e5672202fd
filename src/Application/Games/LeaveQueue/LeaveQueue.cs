using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.LeaveQueue;

/// <summary>Leaves the caller's waiting queue room; nothing happens when they have none.</summary>
public sealed record LeaveQueue(Guid UserId) : ICommand, ILiveStateCommand;

public sealed class LeaveQueueHandler(GameLoop server) : ICommandHandler<LeaveQueue>
{
    public async ValueTask<Unit> Handle(LeaveQueue command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.LeaveQueue(command.UserId), cancellationToken);
        return Unit.Value;
    }
}
