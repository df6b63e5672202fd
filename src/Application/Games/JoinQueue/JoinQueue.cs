using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.JoinQueue;

/// <summary>
/// Enters the oldest waiting room of the mode whose player neither blocks nor is blocked by the caller
/// (blocks read from the store now, not when that player queued), else opens one.
/// </summary>
public sealed record JoinQueue(Guid UserId, string? Mode) : ICommand<RoomRef>, ILiveStateCommand;

public sealed class JoinQueueHandler(IUserRepository users, IBlockLookup blockers, GameLoop server) : ICommandHandler<JoinQueue, RoomRef>
{
    public async ValueTask<RoomRef> Handle(JoinQueue command, CancellationToken cancellationToken)
    {
        var mode = GameModes.Parse(command.Mode);
        var caller = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(caller, await blockers.BlockersOfAsync(caller.Id, cancellationToken));
        var roomId = await server.ChangeAsync(lobby => lobby.JoinQueue(PlayerRef.Of(caller), mode, blocks), cancellationToken);
        return new RoomRef(roomId);
    }
}
