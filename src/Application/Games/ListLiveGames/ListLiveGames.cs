using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.ListLiveGames;

/// <summary>
/// The games the caller may watch now (settings, countdown or playing), leaving out those with a player who blocks or
/// is blocked by the caller.
/// </summary>
public sealed record ListLiveGames(Guid UserId) : IQuery<IReadOnlyList<LiveGame>>;

public sealed class ListLiveGamesHandler(IUserRepository users, GameLobby lobby)
    : IQueryHandler<ListLiveGames, IReadOnlyList<LiveGame>>
{
    public async ValueTask<IReadOnlyList<LiveGame>> Handle(ListLiveGames query, CancellationToken cancellationToken)
    {
        var games = lobby.LiveGames();
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
