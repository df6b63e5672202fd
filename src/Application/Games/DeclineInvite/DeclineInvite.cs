using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;

namespace Transcendence.Application.Games.DeclineInvite;

/// <summary>The invitee declines: the room closes and both hear <c>InviteDeclined</c>.</summary>
public sealed record DeclineInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class DeclineInviteHandler(IUserRepository users, GameLoop server) : ICommandHandler<DeclineInvite>
{
    public async ValueTask<Unit> Handle(DeclineInvite command, CancellationToken cancellationToken)
    {
        var guest = await users.GetAsync(command.UserId, cancellationToken);
        await server.ChangeAsync(lobby => lobby.Decline(guest, command.RoomId), cancellationToken);
        return Unit.Value;
    }
}
