using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.CancelInvite;

/// <summary>The host withdraws an unanswered invitation: the room closes and both hear <c>InviteCanceled</c>.</summary>
public sealed record CancelInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class CancelInviteHandler(GameRooms rooms) : ICommandHandler<CancelInvite>
{
    public async ValueTask<Unit> Handle(CancelInvite command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(command.RoomId, new CancelInvitation(command.RoomId, command.UserId), cancellationToken);
        return Unit.Value;
    }
}
