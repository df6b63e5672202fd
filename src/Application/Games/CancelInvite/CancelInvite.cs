using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer;

namespace Transcendence.Application.Games.CancelInvite;

/// <summary>The host withdraws an unanswered invitation: the room closes and both hear <c>InviteCanceled</c>.</summary>
public sealed record CancelInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class CancelInviteHandler(GameLoop server) : ICommandHandler<CancelInvite>
{
    public async ValueTask<Unit> Handle(CancelInvite command, CancellationToken cancellationToken)
    {
        await server.ChangeAsync(lobby => lobby.Cancel(command.UserId, command.RoomId), cancellationToken);
        return Unit.Value;
    }
}
