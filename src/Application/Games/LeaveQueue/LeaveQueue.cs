using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.LeaveQueue;

/// <summary>Leaves the caller's waiting queue room; nothing happens when they have none.</summary>
public sealed record LeaveQueue(Guid UserId) : ICommand;

public sealed class LeaveQueueHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<LeaveQueue>
{
    public ValueTask<Unit> Handle(LeaveQueue command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.LeaveQueue(command.UserId));
        return ValueTask.FromResult(Unit.Value);
    }
}
