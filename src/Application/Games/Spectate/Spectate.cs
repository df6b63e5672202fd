using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.Spectate;

/// <summary>
/// Watches a room from settings to the end of play: its <c>State</c>, <c>Scored</c> and <c>GameEnded</c>;
/// never across a block with either player.
/// </summary>
public sealed record Spectate(Guid UserId, Guid RoomId) : ICommand;

public sealed class SpectateHandler(IUserRepository users, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<Spectate>
{
    public async ValueTask<Unit> Handle(Spectate command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        // Read outside the lobby's lock (no store call under it); players do not change once a room can be watched.
        var playersNow = await users.FindByIdsAsync(lobby.PlayersOf(command.RoomId), cancellationToken);
        notifier.Post(outbox, lobby.Spectate(PlayerRef.Of(user), command.RoomId, BlockState.Between(user, playersNow)));
        return Unit.Value;
    }
}
