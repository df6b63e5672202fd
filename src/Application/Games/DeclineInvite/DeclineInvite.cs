using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.DeclineInvite;

/// <summary>The invitee declines: the room closes and both hear <c>InviteDeclined</c>.</summary>
public sealed record DeclineInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class DeclineInviteHandler(GameLoop server) : ICommandHandler<DeclineInvite>
{
    public async ValueTask<Unit> Handle(DeclineInvite command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.Decline(command.UserId, command.RoomId), cancellationToken);
        return Unit.Value;
    }
}
