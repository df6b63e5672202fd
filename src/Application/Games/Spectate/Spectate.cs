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

public sealed class SpectateHandler(IUserRepository users, IBlockLookup blockers, GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<Spectate>
{
    public async ValueTask<Unit> Handle(Spectate command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var blocks = BlockState.WithEveryone(user, await blockers.BlockersOfAsync(user.Id, cancellationToken));
        notifier.Post(outbox, lobby.Spectate(PlayerRef.Of(user), command.RoomId, blocks));
        return Unit.Value;
    }
}
