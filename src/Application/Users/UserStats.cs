using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Users;

/// <summary>A player's record as profiles show it; <see cref="Rank"/> is null until the first match.</summary>
public sealed record UserStats(int Wins, int Losses, int Rating, int? Rank, IReadOnlyList<string> Achievements)
{
    public static UserStats Of(PlayerStats stats, int? rank) => new(stats.Wins, stats.Losses, stats.Rating, rank, stats.Achievements);
}

internal static class UserStatsLookup
{
    /// <summary>The user's stored figures, achievements and rank.</summary>
    public static async Task<UserStats> StatsOfAsync(this IPlayerStatsRepository stats, Guid userId, CancellationToken cancellationToken) =>
        UserStats.Of(await stats.GetAsync(userId, cancellationToken), await stats.RankOfAsync(userId, cancellationToken));
}
