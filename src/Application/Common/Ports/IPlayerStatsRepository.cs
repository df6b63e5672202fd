using Transcendence.Domain.Games;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Players' figures (wins, losses, Elo rating, games watched) and achievements, as the domain's
/// <see cref="PlayerStats"/> (what a match does to them is <see cref="Ladder"/>'s). A user with nothing stored
/// has the starting figures. The ranking orders players who have played at least one match by rating
/// (highest first), then wins (most first), then user id.
/// </summary>
public interface IPlayerStatsRepository
{
    const int MaxLeaderboardSize = 100;

    /// <summary>The user's figures and achievements (oldest first); the starting figures when none are stored.</summary>
    Task<PlayerStats> GetAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores the figures (not the achievements), creating the row if needed.</summary>
    Task SaveAsync(PlayerStats stats, CancellationToken cancellationToken);

    /// <summary>Stores an achievement once; false when the user already holds it.</summary>
    Task<bool> AddAchievementAsync(Guid userId, string achievement, DateTimeOffset earnedAt, CancellationToken cancellationToken);

    /// <summary>The user's position in the ranking (1 is first); null for a user who has not played.</summary>
    Task<int?> RankOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> players of the ranking, in order.</summary>
    Task<IReadOnlyList<PlayerStats>> LeaderboardAsync(int limit, CancellationToken cancellationToken);
}
