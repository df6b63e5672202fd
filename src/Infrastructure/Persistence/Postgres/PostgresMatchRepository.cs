using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresMatchRepository(PostgresSession session) : IMatchRepository
{
    private const string Columns = """
        id, mode, winning_score, ball_speed, paddle_size, left_player_id, right_player_id,
        left_score, right_score, winner_id, reason, started_at, ended_at,
        left_max_deficit, right_max_deficit, spectator_ids
        """;

    private const string InsertSql = $"""
        insert into matches ({Columns})
        values (@Id, @Mode, @WinningScore, @BallSpeed, @PaddleSize, @LeftPlayerId, @RightPlayerId,
                @LeftScore, @RightScore, @WinnerId, @Reason, @StartedAt, @EndedAt,
                @LeftMaxDeficit, @RightMaxDeficit, @SpectatorIds)
        on conflict (id) do nothing
        """;

    private const string PageSql = $"""
        select {Columns} from matches
        where (left_player_id = @userId or right_player_id = @userId)
        order by ended_at desc, id desc
        limit @limit
        """;

    // The cursor must be one of the user's matches: otherwise the page is empty.
    private const string PageBeforeSql = $"""
        select m.id, m.mode, m.winning_score, m.ball_speed, m.paddle_size, m.left_player_id, m.right_player_id,
               m.left_score, m.right_score, m.winner_id, m.reason, m.started_at, m.ended_at,
               m.left_max_deficit, m.right_max_deficit, m.spectator_ids
        from matches m
        join matches c on c.id = @before
             and (c.left_player_id = @userId or c.right_player_id = @userId)
        where (m.left_player_id = @userId or m.right_player_id = @userId)
          and (m.ended_at, m.id) < (c.ended_at, c.id)
        order by m.ended_at desc, m.id desc
        limit @limit
        """;

    public async Task<bool> AddAsync(Match match, CancellationToken cancellationToken) =>
        await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(InsertSql, MatchRow.From(match), transaction, cancellationToken: cancellationToken)),
            cancellationToken) > 0;

    public Task<IReadOnlyList<Match>> ListForPlayerAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IMatchRepository.MaxPageSize);
        return session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<MatchRow>(new CommandDefinition(
                    before is null ? PageSql : PageBeforeSql, new { userId, before, limit }, transaction, cancellationToken: cancellationToken));
                return (IReadOnlyList<Match>)[.. rows.Select(row => row.ToMatch())];
            },
            cancellationToken);
    }
}
