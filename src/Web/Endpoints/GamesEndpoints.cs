using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Games.GetLeaderboard;
using Transcendence.Application.GameServer;
using Transcendence.Application.Games.GetMatchHistory;
using Transcendence.Application.Games.ListLiveGames;

namespace Transcendence.Web.Endpoints;

internal static class GamesEndpoints
{
    public static IEndpointRouteBuilder MapGamesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{id:guid}/matches", GetMatchHistory)
            .WithTags("Users")
            .RequireAuthorization()
            .WithSummary("A user's matches, newest first; before = the last match id of the previous page, limit 1–100 (default 20)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/leaderboard", GetLeaderboard)
            .WithTags("Games")
            .RequireAuthorization()
            .WithSummary("Players who have played, by rating (then wins); rank is the position; limit 1–100 (default 20)")
            .ProducesValidationProblem();
        app.MapGet("/api/games/live", ListLiveGames)
            .WithTags("Games")
            .RequireAuthorization()
            .WithSummary("Games one may watch now (settings, countdown or playing), without those of players who block or are blocked by the caller; " +
                "watch one with Spectate(roomId) on the game hub");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<MatchView>>> GetMatchHistory(
        Guid id, Guid? before, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMatchHistory(id, before, limit), cancellationToken));

    private static async Task<Ok<IReadOnlyList<LiveGame>>> ListLiveGames(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListLiveGames(caller.UserId()), cancellationToken));

    private static async Task<Ok<IReadOnlyList<LeaderboardEntry>>> GetLeaderboard(int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetLeaderboard(limit), cancellationToken));
}
