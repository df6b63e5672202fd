using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.JoinQueue;

/// <summary>
/// Enters the oldest waiting room of the mode whose player neither blocks nor is blocked by the caller
/// (blocks read from the store now, not when that player queued), else opens one.
/// </summary>
public sealed record JoinQueue(Guid UserId, string? Mode) : ICommand<RoomRef>;

public sealed class JoinQueueHandler(IUserRepository users, IBlockLookup blockers, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<JoinQueue, RoomRef>
{
    public async ValueTask<RoomRef> Handle(JoinQueue command, CancellationToken cancellationToken)
    {
        var mode = GameModes.Parse(command.Mode);
        var caller = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(caller, await blockers.BlockersOfAsync(caller.Id, cancellationToken));
        var (roomId, effects) = lobby.JoinQueue(PlayerRef.Of(caller), mode, blocks);
        notifier.Post(outbox, effects);
        return new RoomRef(roomId);
    }
}
