using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// The in-memory store (a singleton), with optimistic transactions. Readers see the last committed state
/// without locking. A transaction works on its own copy of the state it began from, noting every row it
/// reads and writes (<see cref="StoreKey"/>); it takes no lock while the command runs, so unrelated
/// writers run at once and a slow command delays nobody. Its commit is short and takes turns: when
/// nothing it read or wrote was committed by another transaction since it began, its changes are applied
/// to what is committed now and published in one step; otherwise it writes nothing and throws
/// <see cref="TransactionConflictException"/> (the unit of work then runs the command again). That gives the
/// guarantees a PostgreSQL transaction gives our commands, and more: no dirty reads, all-or-nothing
/// commits, unique keys checked against committed data, and every commit as if the transactions had
/// run one after the other.
/// </summary>
public sealed class InMemoryDatabase
{
    /// <summary>How many commits back a transaction can be checked against; one that began earlier retries.</summary>
    private const int LogLength = 4096;

    private readonly Lock _commit = new();
    private readonly CommitEntry?[] _log = new CommitEntry?[LogLength];
    private volatile Snapshot _committed = new(InMemoryState.Empty, 0);

    public InMemoryState Committed => _committed.State;

    /// <summary>The messages: append-only histories, kept outside the immutable state (see <see cref="InMemoryMessageStore"/>).</summary>
    public InMemoryMessageStore Messages { get; } = new();

    internal Snapshot Current => _committed;

    /// <summary>
    /// Publishes <paramref name="transaction"/>'s writes, or throws <see cref="TransactionConflictException"/> and
    /// publishes nothing.
    /// </summary>
    internal void Commit(InMemoryTransaction transaction)
    {
        if (!transaction.HasWrites)
        {
            // It read one consistent snapshot and changed nothing: as if it had run when it began.
            return;
        }

        lock (_commit)
        {
            var current = _committed;
            var state = transaction.Working;
            if (current.Version != transaction.BaseVersion)
            {
                if (!UnchangedSince(transaction))
                {
                    throw new TransactionConflictException();
                }

                // Nothing it saw has changed: its changes mean the same on top of what others committed.
                state = current.State;
                try
                {
                    foreach (var change in transaction.Changes)
                    {
                        state = change(state);
                    }
                }
                catch (Exception)
                {
                    throw new TransactionConflictException();
                }
            }

            Messages.Apply(transaction.RemovedHistories, transaction.NewMessages);
            Publish(current, state, transaction.Writes, transaction.WritesAnything);
        }
    }

    /// <summary>A write outside any transaction: applied to what is committed now and published at once.</summary>
    internal void CommitAlone(Func<InMemoryState, InMemoryState> change, IReadOnlyCollection<long>? writes)
    {
        lock (_commit)
        {
            var current = _committed;
            Publish(current, change(current.State), writes ?? [], writes is null);
        }
    }

    /// <summary>Messages added outside any transaction, under the commit's turn (see <see cref="InMemoryMessageStore"/>).</summary>
    internal T CommitMessages<T>(Func<InMemoryMessageStore, InMemoryState, (T Result, IReadOnlyCollection<long> Writes)> change)
    {
        lock (_commit)
        {
            var current = _committed;
            var (result, writes) = change(Messages, current.State);
            if (writes.Count > 0)
            {
                Publish(current, current.State, writes, writesAnything: false);
            }

            return result;
        }
    }

    private void Publish(Snapshot current, InMemoryState state, IReadOnlyCollection<long> writes, bool writesAnything)
    {
        var version = current.Version + 1;
        _log[version % LogLength] = new CommitEntry(version, [.. writes], writesAnything);
        _committed = new Snapshot(state, version);
    }

    private bool UnchangedSince(InMemoryTransaction transaction)
    {
        var latest = _committed.Version;
        if (latest - transaction.BaseVersion >= LogLength || transaction.ReadsAnything)
        {
            return false;
        }

        // A command reads a handful of rows; one that read many is searched through a set.
        ICollection<long> reads = transaction.Reads.Count > 32 ? transaction.Reads.ToHashSet() : transaction.Reads;
        for (var version = transaction.BaseVersion + 1; version <= latest; version++)
        {
            var entry = _log[version % LogLength];
            if (entry is null || entry.Version != version || entry.WritesAnything)
            {
                return false;
            }

            foreach (var key in entry.Writes)
            {
                if (reads.Contains(key)
                    || (StoreKey.IsEvery(key) && (transaction.TablesRead & StoreKey.TableBit(key)) != 0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal sealed record Snapshot(InMemoryState State, long Version);

    /// <summary>What one commit wrote; <see cref="WritesAnything"/> when it could not say (a write without keys).</summary>
    private sealed record CommitEntry(long Version, long[] Writes, bool WritesAnything);
}
