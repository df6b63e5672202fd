namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// The in-memory store (a singleton). Readers see the last committed state without locking; writers take
/// turns, one transaction at a time, which gives the same guarantees a PostgreSQL transaction gives our
/// commands: no dirty reads, all-or-nothing commits, unique keys checked against committed data.
/// </summary>
public sealed class InMemoryDatabase : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile InMemoryState _committed = InMemoryState.Empty;

    public InMemoryState Committed => _committed;

    internal async Task<InMemoryState> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return _committed;
    }

    internal void Publish(InMemoryState state) => _committed = state;

    internal void ExitWrite() => _writer.Release();

    public void Dispose() => _writer.Dispose();
}
