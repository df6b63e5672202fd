using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Messages in the in-memory store (<see cref="InMemoryMessageStore"/>): a transaction keeps the rows it
/// adds to itself until it commits, and reads them on top of the committed ones.
/// </summary>
public sealed class InMemoryMessageRepository(InMemorySession session) : IMessageRepository
{
    private InMemoryMessageStore Committed => session.Database.Messages;

    public Task<Message> AddAsync(Message message, CancellationToken cancellationToken)
    {
        var row = MessageRow.From(message);
        if (session.Transaction is not { } transaction)
        {
            return Task.FromResult(session.Database.CommitMessages((store, state) =>
            {
                var earlier = Check(row, state, store.FindBySenderAndClientId(row.SenderId, row.ClientMessageId), store.FindById(row.Id) is not null);
                if (earlier is not null)
                {
                    return (earlier.ToMessage(), (IReadOnlyCollection<long>)[]);
                }

                store.Apply([], [row]);
                return (message, KeysOf(row));
            }));
        }

        var key = ClientIdKey(row.SenderId, row.ClientMessageId);
        session.Read(key);
        // Users are never deleted; a channel may be, and its messages with it.
        session.Read(StoreKey.Of(StoreTable.Channels, row.ChannelId));
        var repeat = FindRepeat(transaction, row.SenderId, row.ClientMessageId);
        var taken = transaction.NewMessage(m => m.Id == row.Id) is not null || Committed.FindById(row.Id) is not null;
        if (Check(row, session.State, repeat, taken) is { } first)
        {
            return Task.FromResult(first.ToMessage());
        }

        transaction.AddMessage(row, KeysOf(row));
        return Task.FromResult(message);
    }

    public Task<Message?> FindBySenderAndClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken)
    {
        MessageRow? row;
        if (session.Transaction is { } transaction)
        {
            session.Read(ClientIdKey(senderId, clientMessageId));
            row = FindRepeat(transaction, senderId, clientMessageId);
        }
        else
        {
            row = Committed.FindBySenderAndClientId(senderId, clientMessageId);
        }

        return Task.FromResult(row?.ToMessage());
    }

    public Task<IReadOnlyList<Message>> ListAsync(
        Guid channelId,
        Guid? before,
        int limit,
        IReadOnlyCollection<Guid> excludedSenderIds,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IMessageRepository.MaxPageSize);
        var transaction = session.Transaction;
        session.Read(StoreKey.Of(StoreTable.ChannelMessages, channelId));
        if (transaction?.RemovedHistoryOf(channelId) == true)
        {
            return Task.FromResult<IReadOnlyList<Message>>([]);
        }

        MessageRow? cursor = null;
        if (before is { } cursorId)
        {
            cursor = transaction?.NewMessage(m => m.Id == cursorId) ?? Committed.FindById(cursorId);
            if (cursor is null || cursor.ChannelId != channelId)
            {
                return Task.FromResult<IReadOnlyList<Message>>([]);
            }
        }

        var excluded = excludedSenderIds.ToHashSet();
        List<MessageRow> page;
        if (transaction is not null && transaction.NewMessagesIn(channelId).Any())
        {
            // Rare: a transaction that reads the history it has just added to.
            var history = Committed.HistoryOf(channelId);
            foreach (var added in transaction.NewMessagesIn(channelId))
            {
                InMemoryMessageStore.InsertInOrder(history, added);
            }

            page = new List<MessageRow>(limit);
            InMemoryMessageStore.CollectPage(history, cursor, limit, excluded, page);
        }
        else
        {
            page = Committed.Page(channelId, cursor, limit, excluded);
        }

        return Task.FromResult<IReadOnlyList<Message>>([.. page.Select(row => row.ToMessage())]);
    }

    private MessageRow? FindRepeat(InMemoryTransaction transaction, Guid senderId, string clientMessageId) =>
        transaction.NewMessage(m => m.SenderId == senderId && m.ClientMessageId == clientMessageId)
        ?? (Committed.FindBySenderAndClientId(senderId, clientMessageId) is { } row && !transaction.RemovedHistoryOf(row.ChannelId) ? row : null);

    /// <summary>The constraints PostgreSQL checks on insert; the first message when this one repeats it (the idempotency key).</summary>
    private static MessageRow? Check(MessageRow row, InMemoryState state, MessageRow? repeat, bool idTaken)
    {
        if (repeat is not null)
        {
            return repeat;
        }

        if (idTaken)
        {
            throw InMemoryConstraints.DuplicateKey("messages", row.Id);
        }

        if (!state.Channels.ById.ContainsKey(row.ChannelId))
        {
            // As on PostgreSQL: a channel deleted since the sender read it.
            throw ChannelErrors.NotFound(row.ChannelId);
        }

        InMemoryConstraints.RequireUsers(state, [row.SenderId]);
        return null;
    }

    private static long ClientIdKey(Guid senderId, string clientMessageId) =>
        StoreKey.Of(StoreTable.MessageClientIds, (senderId, clientMessageId));

    private static long[] KeysOf(MessageRow row) =>
    [
        StoreKey.Of(StoreTable.Messages, row.Id),
        ClientIdKey(row.SenderId, row.ClientMessageId),
        StoreKey.Of(StoreTable.ChannelMessages, row.ChannelId),
    ];
}
