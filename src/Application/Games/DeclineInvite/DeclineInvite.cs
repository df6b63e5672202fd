using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;

namespace Transcendence.Application.Games.DeclineInvite;

/// <summary>The invitee declines: the room closes and both hear <c>InviteDeclined</c>.</summary>
public sealed record DeclineInvite(Guid UserId, Guid RoomId) : ICommand;

public sealed class DeclineInviteHandler(IUserRepository users, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<DeclineInvite>
{
    public async ValueTask<Unit> Handle(DeclineInvite command, CancellationToken cancellationToken)
    {
        var guest = await users.GetAsync(command.UserId, cancellationToken);
        notifier.Post(outbox, lobby.Decline(guest, command.RoomId));
        return Unit.Value;
    }
}
