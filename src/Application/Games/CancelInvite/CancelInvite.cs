using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.CancelInvite;

/// <summary>The host withdraws an unanswered invitation: the room closes and both hear <c>InviteCanceled</c>.</summary>
public sealed record CancelInvite(Guid UserId, Guid RoomId) : ICommand;

public sealed class CancelInviteHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<CancelInvite>
{
    public ValueTask<Unit> Handle(CancelInvite command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.Cancel(command.UserId, command.RoomId));
        return ValueTask.FromResult(Unit.Value);
    }
}
