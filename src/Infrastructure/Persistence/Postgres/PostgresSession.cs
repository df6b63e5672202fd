using Npgsql;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// A request's access to PostgreSQL and its unit of work: inside a transaction every repository call runs
/// on the transaction's connection; outside one each call borrows a pooled connection for itself.
/// </summary>
public sealed class PostgresSession(NpgsqlDataSource dataSource) : IUnitOfWork, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    /// <summary>Whether a unit of work is open: repositories take row locks only then.</summary>
    public bool InTransaction => _transaction is not null;

    public async Task<T> RunAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            return await work(_connection!, _transaction);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection, null);
    }

    public async ValueTask BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("a transaction is already open in this scope");
        }

        _connection = await dataSource.OpenConnectionAsync(cancellationToken);
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("no transaction is open");
        }

        await _transaction.CommitAsync(cancellationToken);
        await EndAsync();
    }

    public async ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(cancellationToken);
            await EndAsync();
        }
    }

    /// <summary>A transaction still open when the scope ends is rolled back by disposing it.</summary>
    public ValueTask DisposeAsync() => EndAsync();

    private async ValueTask EndAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
