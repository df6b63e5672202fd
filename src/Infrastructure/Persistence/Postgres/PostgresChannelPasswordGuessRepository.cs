using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// The <c>channel_password_guesses</c> rows. A join holds its channel's row lock before it reads these,
/// so two guesses at one channel never count over each other.
/// </summary>
public sealed class PostgresChannelPasswordGuessRepository(PostgresSession session) : IChannelPasswordGuessRepository
{
    private const string FindSql = """
        select channel_id, user_id, wrong_guesses, last_wrong_at from channel_password_guesses
        where channel_id = @channelId and user_id = @userId
        for update
        """;

    private const string SaveSql = """
        insert into channel_password_guesses (channel_id, user_id, wrong_guesses, last_wrong_at)
        values (@ChannelId, @UserId, @WrongGuesses, @LastWrongAt)
        on conflict (channel_id, user_id) do update set
            wrong_guesses = excluded.wrong_guesses,
            last_wrong_at = excluded.last_wrong_at
        """;

    private const string RemoveSql = "delete from channel_password_guesses where channel_id = @channelId and user_id = @userId";

    public Task<ChannelPasswordGuesses> FindAsync(Guid channelId, Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<ChannelPasswordGuessRow>(
                    new CommandDefinition(FindSql, new { channelId, userId }, transaction, cancellationToken: cancellationToken));
                return row?.ToGuesses() ?? ChannelPasswordGuesses.None(channelId, userId);
            },
            cancellationToken);

    public Task SaveAsync(ChannelPasswordGuesses guesses, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(SaveSql, ChannelPasswordGuessRow.From(guesses), transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task RemoveAsync(Guid channelId, Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(RemoveSql, new { channelId, userId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
}
