using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.ListLiveGames;

/// <summary>
/// The games the caller may watch now (settings, countdown or playing) on every instance, leaving out those with a
/// player who blocks or is blocked by the caller.
/// </summary>
public sealed record ListLiveGames(Guid UserId) : IQuery<IReadOnlyList<LiveGame>>;

public sealed class ListLiveGamesHandler(IUserRepository users, GameLoop server, IGameDirectory directory)
    : IQueryHandler<ListLiveGames, IReadOnlyList<LiveGame>>
{
    public async ValueTask<IReadOnlyList<LiveGame>> Handle(ListLiveGames query, CancellationToken cancellationToken)
    {
        // This instance's rooms as they are now, the other instances' as they published them (at most a second ago).
        IReadOnlyList<LiveGame> games = [
            .. (await server.AskAsync(lobby => lobby.LiveGames(), cancellationToken))
                .Concat(await directory.OtherInstancesLiveGamesAsync(cancellationToken))
                .OrderBy(g => g.RoomId)];
        if (games.Count == 0)
        {
            return games;
        }

        var caller = await users.GetAsync(query.UserId, cancellationToken);
        var players = await users.FindByIdsAsync([.. games.SelectMany(g => g.Players.Select(p => p.Id)).Distinct()], cancellationToken);
        var blocks = BlockState.Between(caller, players);
        return [.. games.Where(g => g.Players.All(p => blocks.AllowsWith(p.Id)))];
    }
}
