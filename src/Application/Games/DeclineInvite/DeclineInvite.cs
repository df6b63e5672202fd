using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.DeclineInvite;

/// <summary>The invitee declines: the room closes and both hear <c>InviteDeclined</c>.</summary>
public sealed record DeclineInvite(Guid UserId, Guid RoomId) : ICommand;

public sealed class DeclineInviteHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier) : ICommandHandler<DeclineInvite>
{
    public ValueTask<Unit> Handle(DeclineInvite command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.Decline(command.UserId, command.RoomId));
        return ValueTask.FromResult(Unit.Value);
    }
}
