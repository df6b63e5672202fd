namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// One open transaction of the in-memory store: the committed state it began from, its own changed copy,
/// and what it read and wrote, for <see cref="InMemoryDatabase.Commit"/> to check.
/// </summary>
internal sealed class InMemoryTransaction(InMemoryDatabase.Snapshot snapshot)
{
    private List<MessageRow>? _newMessages;
    private List<Guid>? _removedHistories;

    public long BaseVersion { get; } = snapshot.Version;

    public InMemoryState Working { get; private set; } = snapshot.State;

    private List<Func<InMemoryState, InMemoryState>>? _changes;

    /// <summary>The changes made to the immutable state, in order, to apply again on a newer state at commit.</summary>
    public IReadOnlyList<Func<InMemoryState, InMemoryState>> Changes => (IReadOnlyList<Func<InMemoryState, InMemoryState>>?)_changes ?? [];

    /// <summary>
    /// Every key read or written (a write reads what it replaces), repeats and all: a command reads a
    /// handful of rows, and a short list costs less than a set to fill and to search.
    /// </summary>
    public List<long> Reads { get; } = new(16);

    public List<long> Writes { get; } = new(8);

    /// <summary>A write that named no keys: it may have read anything (any later commit conflicts) and written anything.</summary>
    public bool ReadsAnything { get; private set; }

    public bool WritesAnything => ReadsAnything;

    public bool HasWrites => Writes.Count > 0 || ReadsAnything;

    public IReadOnlyCollection<MessageRow> NewMessages => (IReadOnlyCollection<MessageRow>?)_newMessages ?? [];

    public IReadOnlyCollection<Guid> RemovedHistories => (IReadOnlyCollection<Guid>?)_removedHistories ?? [];

    /// <summary>The tables it read anything of (<see cref="StoreKey.TableBit"/>).</summary>
    public ulong TablesRead { get; private set; }

    public void Read(long key)
    {
        Reads.Add(key);
        TablesRead |= StoreKey.TableBit(key);
    }

    public void Change(Func<InMemoryState, InMemoryState> change, ReadOnlySpan<long> keys)
    {
        Working = change(Working);
        (_changes ??= []).Add(change);
        if (keys.IsEmpty)
        {
            ReadsAnything = true;
            return;
        }

        Wrote(keys);
    }

    public void AddMessage(MessageRow row, ReadOnlySpan<long> keys)
    {
        (_newMessages ??= []).Add(row);
        Wrote(keys);
    }

    public void RemoveHistory(Guid channelId)
    {
        (_removedHistories ??= []).Add(channelId);
        _newMessages?.RemoveAll(row => row.ChannelId == channelId);
        Wrote([StoreKey.Of(StoreTable.ChannelMessages, channelId)]);
    }

    public bool RemovedHistoryOf(Guid channelId) => _removedHistories?.Contains(channelId) == true;

    public MessageRow? NewMessage(Func<MessageRow, bool> match) => _newMessages?.Find(row => match(row));

    public IEnumerable<MessageRow> NewMessagesIn(Guid channelId) =>
        _newMessages?.Where(row => row.ChannelId == channelId) ?? [];

    private void Wrote(ReadOnlySpan<long> keys)
    {
        foreach (var key in keys)
        {
            Read(key);
            Writes.Add(key);
            Writes.Add(StoreKey.All(StoreKey.TableOf(key)));
        }
    }
}
