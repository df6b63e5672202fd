using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// A request's view of the in-memory store and its unit of work. Inside a transaction reads see the
/// transaction's own writes on top of the state it began from, and note what they read; outside one they
/// see what is committed, and each write commits at once. Nothing here waits: see
/// <see cref="InMemoryDatabase"/> for how commits take turns.
/// </summary>
public sealed class InMemorySession(InMemoryDatabase database) : IUnitOfWork
{
    private InMemoryTransaction? _transaction;

    public InMemoryState State => _transaction?.Working ?? database.Committed;

    internal InMemoryDatabase Database => database;

    /// <summary>The open transaction, if any (message writes keep their rows there until commit).</summary>
    internal InMemoryTransaction? Transaction => _transaction;

    /// <summary>
    /// Applies a change that names no rows: correct, but it conflicts with every transaction that commits
    /// while it is open. Prefer <see cref="Write"/>, which names what the change reads and writes.
    /// </summary>
    public Task WriteAsync(Func<InMemoryState, InMemoryState> change, CancellationToken cancellationToken)
    {
        Write(change, []);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Applies a change; it may throw, and then nothing of it is kept. <paramref name="keys"/> are the rows
    /// (and unique index entries) the change reads to decide and the rows it writes.
    /// </summary>
    internal void Write(Func<InMemoryState, InMemoryState> change, params ReadOnlySpan<long> keys)
    {
        if (_transaction is { } transaction)
        {
            transaction.Change(change, keys);
            return;
        }

        database.CommitAlone(change, keys.IsEmpty ? null : keys.ToArray());
    }

    /// <summary>Notes a row (or with <see cref="StoreKey.All"/> a whole table) the open transaction read.</summary>
    internal void Read(long key) => _transaction?.Read(key);

    internal void Read(long first, long second)
    {
        _transaction?.Read(first);
        _transaction?.Read(second);
    }

    public ValueTask BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("a transaction is already open in this scope");
        }

        _transaction = new InMemoryTransaction(database.Current);
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("no transaction is open");
        _transaction = null;
        try
        {
            database.Commit(transaction);
        }
        catch (TransactionConflictException conflict)
        {
            return ValueTask.FromException(conflict);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        _transaction = null;
        return ValueTask.CompletedTask;
    }
}
