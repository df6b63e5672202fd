using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.JoinQueue;

/// <summary>
/// Enters the oldest waiting room of the mode, on any instance, whose player neither blocks nor is blocked by the
/// caller (blocks read from the store now, not when that player queued), else opens one here.
/// </summary>
public sealed record JoinQueue(Guid UserId, string? Mode) : ICommand<RoomRef>, ILiveStateCommand;

/// <remarks>
/// The queue is the cluster's (<see cref="IGameDirectory.JoinQueueAsync"/>: claim-or-enqueue at once, so each
/// waiting player is matched once). A room is prepared here first, so that a guest matched into it at once finds it;
/// the directory's answer opens or discards it. The room's owner checks the blocks again when the caller takes the
/// seat; if it refuses (its host left, a block made since), the caller's seat is given back and the queue is tried
/// again.
/// </remarks>
public sealed class JoinQueueHandler(IUserRepository users, IBlockLookup blockers, GameLoop server, GameRooms rooms, IGameDirectory directory)
    : ICommandHandler<JoinQueue, RoomRef>
{
    /// <summary>Matched rooms that turned out gone before the queue opens a room for the caller.</summary>
    private const int Attempts = 3;

    public async ValueTask<RoomRef> Handle(JoinQueue command, CancellationToken cancellationToken)
    {
        var mode = GameModes.Parse(command.Mode);
        var caller = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(caller, await blockers.BlockersOfAsync(caller.Id, cancellationToken));
        var player = PlayerRef.Of(caller);
        for (var attempt = 1; ; attempt++)
        {
            var prepared = await server.AskAsync(lobby => lobby.PrepareQueue(player, mode), cancellationToken);
            QueueTicket ticket;
            try
            {
                ticket = await directory.JoinQueueAsync(caller.Id, mode, prepared, blocks.AcrossEveryone, cancellationToken);
            }
            catch
            {
                await server.ChangeAsync(lobby => lobby.Discard(prepared), CancellationToken.None);
                throw;
            }

            if (ticket is QueueTicket.Opened)
            {
                await server.ChangeAsync(lobby => lobby.Open(prepared), CancellationToken.None);
                return new RoomRef(prepared);
            }

            await server.ChangeAsync(lobby => lobby.Discard(prepared), CancellationToken.None);
            if (ticket is not QueueTicket.Matched matched)
            {
                throw GameErrors.Busy();
            }

            try
            {
                await rooms.AskAsync<object>(matched.Owner, new JoinQueuedRoom(matched.RoomId, player, blocks.AcrossEveryone), cancellationToken);
                return new RoomRef(matched.RoomId);
            }
            catch (Domain.Common.DomainException ex) when (attempt < Attempts && ex.Code is "game.not_found" or "game.wrong_phase" or "game.blocked")
            {
                // The host left, or a block came between them since: the seat goes back and the queue is asked again.
                directory.ReleaseSeat(caller.Id, matched.RoomId);
            }
            catch
            {
                directory.ReleaseSeat(caller.Id, matched.RoomId);
                throw;
            }
        }
    }
}
