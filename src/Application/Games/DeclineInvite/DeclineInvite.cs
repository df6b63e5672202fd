using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.DeclineInvite;

/// <summary>The invitee declines: the room closes and both hear <c>InviteDeclined</c>.</summary>
public sealed record DeclineInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class DeclineInviteHandler(GameRooms rooms) : ICommandHandler<DeclineInvite>
{
    public async ValueTask<Unit> Handle(DeclineInvite command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(command.RoomId, new DeclineInvitation(command.RoomId, command.UserId), cancellationToken);
        return Unit.Value;
    }
}
