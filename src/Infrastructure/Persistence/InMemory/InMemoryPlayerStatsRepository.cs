using System.Collections.Immutable;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryPlayerStatsRepository(InMemorySession session) : IPlayerStatsRepository
{
    public Task<PlayerStats> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(StatsKey(userId), AchievementsKey(userId));
        return Task.FromResult(StatsOf(session.State, userId));
    }

    public Task SaveAsync(PlayerStats stats, CancellationToken cancellationToken)
    {
        session.Write(state => state with { PlayerStats = state.PlayerStats.SetItem(stats.UserId, PlayerStatsRow.From(stats)) }, StatsKey(stats.UserId));
        return Task.CompletedTask;
    }

    public Task<bool> AddAchievementAsync(Guid userId, string achievement, DateTimeOffset earnedAt, CancellationToken cancellationToken)
    {
        var added = false;
        session.Write(state =>
        {
            var held = state.Achievements.GetValueOrDefault(userId, []);
            added = !held.Any(a => a.Code == achievement);
            return added
                ? state with
                {
                    Achievements = state.Achievements.SetItem(
                        userId, held.Add(new AchievementRow { UserId = userId, Code = achievement, EarnedAt = Instant.Normalize(earnedAt) })),
                }
                : state;
        }, AchievementsKey(userId));
        return Task.FromResult(added);
    }

    public Task<int?> RankOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(StoreKey.All(StoreTable.PlayerStats));
        var ranking = Ranking(session.State).ToList();
        var index = ranking.FindIndex(row => row.UserId == userId);
        return Task.FromResult<int?>(index < 0 ? null : index + 1);
    }

    public Task<IReadOnlyList<PlayerStats>> LeaderboardAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        session.Read(StoreKey.All(StoreTable.PlayerStats), StoreKey.All(StoreTable.Achievements));
        var state = session.State;
        IReadOnlyList<PlayerStats> board = [.. Ranking(state).Take(limit).Select(row => row.ToStats(AchievementsOf(state, row.UserId)))];
        return Task.FromResult(board);
    }

    private static long StatsKey(Guid userId) => StoreKey.Of(StoreTable.PlayerStats, userId);

    private static long AchievementsKey(Guid userId) => StoreKey.Of(StoreTable.Achievements, userId);

    private static IEnumerable<PlayerStatsRow> Ranking(InMemoryState state) =>
        state.PlayerStats.Values
            .Where(row => row.HasPlayed)
            .OrderByDescending(row => row.Rating)
            .ThenByDescending(row => row.Wins)
            .ThenBy(row => row.UserId, UuidOrder.Instance);

    private static PlayerStats StatsOf(InMemoryState state, Guid userId) =>
        (state.PlayerStats.TryGetValue(userId, out var row) ? row : new PlayerStatsRow { UserId = userId })
            .ToStats(AchievementsOf(state, userId));

    private static IReadOnlyList<string> AchievementsOf(InMemoryState state, Guid userId) =>
        [.. state.Achievements.GetValueOrDefault(userId, ImmutableList<AchievementRow>.Empty)
            .OrderBy(a => a.EarnedAt).ThenBy(a => a.Code, StringComparer.Ordinal).Select(a => a.Code)];
}
