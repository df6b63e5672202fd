using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.StopSpectating;

public sealed record StopSpectating(Guid UserId, Guid RoomId) : ICommand;

public sealed class StopSpectatingHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<StopSpectating>
{
    public ValueTask<Unit> Handle(StopSpectating command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.StopSpectating(command.UserId, command.RoomId));
        return ValueTask.FromResult(Unit.Value);
    }
}
