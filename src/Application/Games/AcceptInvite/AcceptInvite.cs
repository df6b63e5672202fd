using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.AcceptInvite;

/// <summary>
/// The invitee accepts: both players are in the settings room, on whichever instance runs it. Refused across a
/// block made since, and while the invitee holds a seat in another room anywhere (<c>game.busy</c>).
/// </summary>
public sealed record AcceptInvite(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class AcceptInviteHandler(IUserRepository users, IBlockLookup blockers, GameRooms rooms, IGameDirectory directory) : ICommandHandler<AcceptInvite>
{
    public async ValueTask<Unit> Handle(AcceptInvite command, CancellationToken cancellationToken)
    {
        var guest = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(guest, await blockers.BlockersOfAsync(guest.Id, cancellationToken));
        var owner = await rooms.OwnerOfAsync(command.RoomId, cancellationToken);
        // The guest's seat first: one room per player across every instance. A seat in this room already (a second
        // accept) is left to the room, which refuses it, and is not given up then.
        var seat = await directory.SeatOfAsync(guest.Id, cancellationToken);
        var taken = seat is null && await directory.TryTakeSeatAsync(guest.Id, command.RoomId, owner, cancellationToken);
        if (!taken && seat?.RoomId != command.RoomId)
        {
            throw GameErrors.Busy();
        }

        try
        {
            await rooms.AskAsync<object>(owner, new AcceptInvitation(command.RoomId, guest.Id, blocks.AcrossEveryone), cancellationToken);
        }
        catch when (taken)
        {
            directory.ReleaseSeat(guest.Id, command.RoomId);
            throw;
        }
        return Unit.Value;
    }
}
