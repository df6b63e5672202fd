using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// A request's view of the in-memory store and its unit of work. Inside a transaction reads see the
/// transaction's own writes; outside one each write commits at once.
/// </summary>
public sealed class InMemorySession(InMemoryDatabase database) : IUnitOfWork, IDisposable
{
    private InMemoryState? _working;

    public InMemoryState State => _working ?? database.Committed;

    /// <summary>Applies a change; it may throw, and then nothing of it is kept.</summary>
    public async Task WriteAsync(Func<InMemoryState, InMemoryState> change, CancellationToken cancellationToken)
    {
        if (_working is not null)
        {
            _working = change(_working);
            return;
        }

        var current = await database.EnterWriteAsync(cancellationToken);
        try
        {
            database.Publish(change(current));
        }
        finally
        {
            database.ExitWrite();
        }
    }

    public async ValueTask BeginAsync(CancellationToken cancellationToken)
    {
        if (_working is not null)
        {
            throw new InvalidOperationException("a transaction is already open in this scope");
        }

        _working = await database.EnterWriteAsync(cancellationToken);
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        database.Publish(_working ?? throw new InvalidOperationException("no transaction is open"));
        End();
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (_working is not null)
        {
            End();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A scope that ends with a transaction still open gives up the writer's turn (and its changes).</summary>
    public void Dispose()
    {
        if (_working is not null)
        {
            End();
        }
    }

    private void End()
    {
        _working = null;
        database.ExitWrite();
    }
}
