using Dapper;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresMessageRepository(PostgresSession session) : IMessageRepository
{
    private const string Columns = "id, channel_id, sender_id, text, sent_at, client_message_id";

    // One statement, so it needs no transaction around it and costs one round trip. A repeat (the same
    // sender and client message id, committed or still being inserted by a concurrent send, which it
    // waits for) "updates" the earlier row to itself so that RETURNING gives that row back: DO NOTHING
    // would return nothing, and the earlier row is invisible to a select in the same statement when it
    // was committed after the statement began. Repeats rarely get this far: SendMessage finds committed
    // ones in its read.
    private const string InsertSql = """
        insert into messages (id, channel_id, sender_id, text, sent_at, client_message_id)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (sender_id, client_message_id) do update set text = messages.text
        returning id, channel_id, text, sent_at
        """;

    private const string ChannelForeignKey = "messages_channel_id_fkey";

    private const string FindBySenderAndClientIdSql = $"""
        select {Columns} from messages
        where sender_id = @senderId and client_message_id = @clientMessageId
        """;

    // Keyset paging on (sent_at, id): the cursor row itself is left out, and a cursor that is not a
    // message of this channel compares with null and selects nothing.
    private const string ListSql = $"""
        select {Columns} from messages
        where channel_id = @channelId
          and not (sender_id = any(@excluded))
          and (@before::uuid is null
               or (sent_at, id) < (select c.sent_at, c.id from messages c where c.id = @before and c.channel_id = @channelId))
        order by sent_at desc, id desc
        limit @limit
        """;

    /// <remarks>
    /// Plain Npgsql with positional parameters: every chat message runs it. A channel deleted since the
    /// sender's read is <c>channel.not_found</c>, as it would have been a moment earlier.
    /// </remarks>
    public Task<Message> AddAsync(Message message, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(InsertSql, connection, transaction)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = message.Id },
                        new NpgsqlParameter<Guid> { TypedValue = message.ChannelId },
                        new NpgsqlParameter<Guid> { TypedValue = message.SenderId },
                        new NpgsqlParameter<string> { TypedValue = message.Text },
                        new NpgsqlParameter<DateTime> { TypedValue = message.SentAt.UtcDateTime },
                        new NpgsqlParameter<string> { TypedValue = message.ClientMessageId },
                    },
                };
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    var id = reader.GetGuid(0);
                    return id == message.Id
                        ? message
                        : Message.Rehydrate(
                            id, reader.GetGuid(1), message.SenderId, reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), message.ClientMessageId);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && ex.ConstraintName == ChannelForeignKey)
                {
                    throw ChannelErrors.NotFound(message.ChannelId);
                }
            },
            cancellationToken);

    public Task<Message?> FindBySenderAndClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
                    FindBySenderAndClientIdSql, new { senderId, clientMessageId }, transaction, cancellationToken: cancellationToken));
                return row?.ToMessage();
            },
            cancellationToken);

    public Task<IReadOnlyList<Message>> ListAsync(
        Guid channelId,
        Guid? before,
        int limit,
        IReadOnlyCollection<Guid> excludedSenderIds,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IMessageRepository.MaxPageSize);
        return session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(
                    ListSql,
                    new { channelId, before, limit, excluded = excludedSenderIds.ToArray() },
                    transaction,
                    cancellationToken: cancellationToken));
                return (IReadOnlyList<Message>)[.. rows.Select(row => row.ToMessage())];
            },
            cancellationToken);
    }
}
