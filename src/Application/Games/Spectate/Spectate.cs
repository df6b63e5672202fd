using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.Spectate;

/// <summary>
/// Watches a room from settings to the end of play: its <c>State</c>, <c>Scored</c> and <c>GameEnded</c>;
/// never across a block with either player.
/// </summary>
public sealed record Spectate(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class SpectateHandler(IUserRepository users, IBlockLookup blockers, GameRooms rooms) : ICommandHandler<Spectate>
{
    public async ValueTask<Unit> Handle(Spectate command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        // Read here: nothing on the game server's thread waits for the store.
        var blocks = BlockState.WithEveryone(user, await blockers.BlockersOfAsync(user.Id, cancellationToken));
        await rooms.AskAsync(command.RoomId, new Watch(command.RoomId, PlayerRef.Of(user), blocks.AcrossEveryone), cancellationToken);
        return Unit.Value;
    }
}
