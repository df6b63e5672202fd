using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.AcceptInvite;

/// <summary>The invitee accepts: both players are in the settings room. Refused across a block made since.</summary>
public sealed record AcceptInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class AcceptInviteHandler(IUserRepository users, IBlockLookup blockers, GameLoop server) : ICommandHandler<AcceptInvite>
{
    public async ValueTask<Unit> Handle(AcceptInvite command, CancellationToken cancellationToken)
    {
        var guest = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(guest, await blockers.BlockersOfAsync(guest.Id, cancellationToken));
        await server.ChangeAsync(lobby => lobby.Accept(guest.Id, command.RoomId, blocks), cancellationToken);
        return Unit.Value;
    }
}
