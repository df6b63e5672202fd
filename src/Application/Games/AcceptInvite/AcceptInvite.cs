using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.AcceptInvite;

/// <summary>The invitee accepts: both players are in the settings room. Refused across a block made since.</summary>
public sealed record AcceptInvite(Guid UserId, Guid RoomId) : ICommand;

public sealed class AcceptInviteHandler(IUserRepository users, IBlockLookup blockers, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<AcceptInvite>
{
    public async ValueTask<Unit> Handle(AcceptInvite command, CancellationToken cancellationToken)
    {
        var guest = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(guest, await blockers.BlockersOfAsync(guest.Id, cancellationToken));
        notifier.Post(outbox, lobby.Accept(guest.Id, command.RoomId, blocks));
        return Unit.Value;
    }
}
