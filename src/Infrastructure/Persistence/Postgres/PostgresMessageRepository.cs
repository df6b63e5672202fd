using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresMessageRepository(PostgresSession session) : IMessageRepository
{
    private const string Columns = "id, channel_id, sender_id, text, sent_at, client_message_id";

    // A repeat waits for a concurrent first send to settle, then does nothing; the caller reads that one.
    private const string InsertSql = """
        insert into messages (id, channel_id, sender_id, text, sent_at, client_message_id)
        values (@Id, @ChannelId, @SenderId, @Text, @SentAt, @ClientMessageId)
        on conflict (sender_id, client_message_id) do nothing
        """;

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

    public Task<Message> AddAsync(Message message, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var inserted = await connection.ExecuteAsync(
                    new CommandDefinition(InsertSql, MessageRow.From(message), transaction, cancellationToken: cancellationToken));
                if (inserted == 1)
                {
                    return message;
                }

                var earlier = await connection.QuerySingleAsync<MessageRow>(new CommandDefinition(
                    FindBySenderAndClientIdSql,
                    new { senderId = message.SenderId, clientMessageId = message.ClientMessageId },
                    transaction,
                    cancellationToken: cancellationToken));
                return earlier.ToMessage();
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
