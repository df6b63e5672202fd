namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// The committed messages: by id, by (sender, client message id) (the unique index), and each channel's
/// history in history order (the Postgres index on (channel_id, sent_at, id)). Unlike the rest of the
/// store it is mutable: a message is only ever appended (or goes with its channel), and an append to an
/// immutable index copied a path of tree nodes per message, most of a chat send's garbage. It changes only
/// inside a commit's turn; readers take its own short lock, so nobody sees a message before its commit.
/// </summary>
public sealed class InMemoryMessageStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, MessageRow> _byId = [];
    private readonly Dictionary<(Guid SenderId, string ClientMessageId), MessageRow> _bySenderAndClientId = [];
    private readonly Dictionary<Guid, List<MessageRow>> _byChannel = [];

    public MessageRow? FindById(Guid id)
    {
        lock (_sync)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public MessageRow? FindBySenderAndClientId(Guid senderId, string clientMessageId)
    {
        lock (_sync)
        {
            return _bySenderAndClientId.GetValueOrDefault((senderId, clientMessageId));
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> rows of the channel before <paramref name="before"/> (or the newest),
    /// newest first, skipping <paramref name="excludedSenderIds"/>; none when the cursor is no message of
    /// the channel.
    /// </summary>
    public List<MessageRow> Page(Guid channelId, MessageRow? before, int limit, IReadOnlySet<Guid> excludedSenderIds)
    {
        var page = new List<MessageRow>(limit);
        lock (_sync)
        {
            if (_byChannel.TryGetValue(channelId, out var history))
            {
                CollectPage(history, before, limit, excludedSenderIds, page);
            }
        }

        return page;
    }

    /// <summary>The channel's whole history, oldest first (a transaction that adds to it reads it with its own rows).</summary>
    public List<MessageRow> HistoryOf(Guid channelId)
    {
        lock (_sync)
        {
            return _byChannel.TryGetValue(channelId, out var history) ? [.. history] : [];
        }
    }

    /// <summary>Collects, newest first, the rows of <paramref name="history"/> (in history order) before <paramref name="before"/>.</summary>
    internal static void CollectPage(List<MessageRow> history, MessageRow? before, int limit, IReadOnlySet<Guid> excludedSenderIds, List<MessageRow> page)
    {
        var end = history.Count;
        if (before is not null)
        {
            end = history.BinarySearch(before, MessageRow.HistoryOrder);
            if (end < 0)
            {
                return;
            }
        }

        for (var i = end - 1; i >= 0 && page.Count < limit; i--)
        {
            if (!excludedSenderIds.Contains(history[i].SenderId))
            {
                page.Add(history[i]);
            }
        }
    }

    /// <summary>Inserts <paramref name="row"/> where history order puts it: at the end, unless clocks disagree.</summary>
    internal static void InsertInOrder(List<MessageRow> history, MessageRow row)
    {
        if (history.Count == 0 || MessageRow.HistoryOrder.Compare(history[^1], row) < 0)
        {
            history.Add(row);
            return;
        }

        var index = history.BinarySearch(row, MessageRow.HistoryOrder);
        history.Insert(index < 0 ? ~index : index, row);
    }

    /// <summary>Called inside the commit's turn only, with rows already checked against the committed ones.</summary>
    internal void Apply(IReadOnlyCollection<Guid> removedChannels, IReadOnlyCollection<MessageRow> added)
    {
        if (removedChannels.Count == 0 && added.Count == 0)
        {
            return;
        }

        lock (_sync)
        {
            foreach (var channelId in removedChannels)
            {
                if (_byChannel.Remove(channelId, out var gone))
                {
                    foreach (var row in gone)
                    {
                        _byId.Remove(row.Id);
                        _bySenderAndClientId.Remove((row.SenderId, row.ClientMessageId));
                    }
                }
            }

            foreach (var row in added)
            {
                _byId.Add(row.Id, row);
                _bySenderAndClientId.Add((row.SenderId, row.ClientMessageId), row);
                if (!_byChannel.TryGetValue(row.ChannelId, out var history))
                {
                    _byChannel.Add(row.ChannelId, history = []);
                }

                InsertInOrder(history, row);
            }
        }
    }
}
