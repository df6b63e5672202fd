using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.Spectate;

/// <summary>
/// Watches a room from settings to the end of play: its <c>State</c>, <c>Scored</c> and <c>GameEnded</c>;
/// never across a block with either player.
/// </summary>
public sealed record Spectate(Guid UserId, Guid RoomId) : ICommand, ILiveStateCommand;

public sealed class SpectateHandler(IUserRepository users, GameLoop server) : ICommandHandler<Spectate>
{
    public async ValueTask<Unit> Handle(Spectate command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        // Read before posting (no store call on the loop); players do not change once a room can be watched.
        var players = await server.AskAsync(lobby => lobby.PlayersOf(command.RoomId), cancellationToken);
        var playersNow = await users.FindByIdsAsync(players, cancellationToken);
        await server.ChangeAsync(lobby => lobby.Spectate(PlayerRef.Of(user), command.RoomId, BlockState.Between(user, playersNow)), cancellationToken);
        return Unit.Value;
    }
}
