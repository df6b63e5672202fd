using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.SetReady;

/// <summary>A player is ready or not; both ready starts the countdown, un-readying during it stops it.</summary>
public sealed record SetReady(Guid UserId, Guid RoomId, bool Ready) : ICommand;

public sealed class SetReadyHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<SetReady>
{
    public ValueTask<Unit> Handle(SetReady command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.SetReady(command.UserId, command.RoomId, command.Ready));
        return ValueTask.FromResult(Unit.Value);
    }
}
