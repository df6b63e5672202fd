using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresPlayerStatsRepository(PostgresSession session) : IPlayerStatsRepository
{
    private const string Columns = "user_id, wins, losses, rating, games_spectated";

    private const string FindSql = $"select {Columns} from player_stats where user_id = @userId";

    private const string AchievementsSql = """
        select user_id, code, earned_at from achievements
        where user_id = any(@userIds)
        order by earned_at, code collate "C"
        """;

    private const string UpsertSql = $"""
        insert into player_stats ({Columns}) values (@UserId, @Wins, @Losses, @Rating, @GamesSpectated)
        on conflict (user_id) do update
        set wins = excluded.wins, losses = excluded.losses, rating = excluded.rating, games_spectated = excluded.games_spectated
        """;

    private const string AddAchievementSql = """
        insert into achievements (user_id, code, earned_at) values (@userId, @achievement, @earnedAt)
        on conflict (user_id, code) do nothing
        """;

    private const string RankSql = """
        select 1 + (
            select count(*) from player_stats o
            where o.wins + o.losses > 0
              and (o.rating > s.rating
                   or (o.rating = s.rating and (o.wins > s.wins or (o.wins = s.wins and o.user_id < s.user_id)))))
        from player_stats s
        where s.user_id = @userId and s.wins + s.losses > 0
        """;

    private const string LeaderboardSql = $"""
        select {Columns} from player_stats
        where wins + losses > 0
        order by rating desc, wins desc, user_id
        limit @limit
        """;

    public Task<PlayerStats> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<PlayerStatsRow>(
                    new CommandDefinition(FindSql, new { userId }, transaction, cancellationToken: cancellationToken));
                var achievements = await connection.QueryAsync<AchievementRow>(
                    new CommandDefinition(AchievementsSql, new { userIds = new[] { userId } }, transaction, cancellationToken: cancellationToken));
                return (row ?? new PlayerStatsRow { UserId = userId }).ToStats([.. achievements.Select(a => a.Code)]);
            },
            cancellationToken);

    public Task SaveAsync(PlayerStats stats, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(UpsertSql, PlayerStatsRow.From(stats), transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public async Task<bool> AddAchievementAsync(Guid userId, string achievement, DateTimeOffset earnedAt, CancellationToken cancellationToken) =>
        await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(AddAchievementSql, new { userId, achievement, earnedAt }, transaction, cancellationToken: cancellationToken)),
            cancellationToken) > 0;

    public Task<int?> RankOfAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var rank = await connection.QuerySingleOrDefaultAsync<long?>(
                    new CommandDefinition(RankSql, new { userId }, transaction, cancellationToken: cancellationToken));
                return rank is { } r ? (int?)r : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<PlayerStats>> LeaderboardAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = (await connection.QueryAsync<PlayerStatsRow>(
                    new CommandDefinition(LeaderboardSql, new { limit }, transaction, cancellationToken: cancellationToken))).ToList();
                var achievements = (await connection.QueryAsync<AchievementRow>(new CommandDefinition(
                    AchievementsSql, new { userIds = rows.Select(r => r.UserId).ToArray() }, transaction, cancellationToken: cancellationToken)))
                    .ToLookup(a => a.UserId, a => a.Code);
                return (IReadOnlyList<PlayerStats>)[.. rows.Select(row => row.ToStats([.. achievements[row.UserId]]))];
            },
            cancellationToken);
    }
}
