using System.Net.Sockets;
using Npgsql;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>
/// One judgement for both stores. PostgreSQL: what Npgsql calls transient (connection refused or broken,
/// a command or a wait for a pooled connection that timed out, too many connections, the server
/// starting or shutting down) plus a statement cancelled by <c>statement_timeout</c> and an operator
/// ending the session. The in-memory store has no outage of its own; a <see cref="TimeoutException"/>
/// counts for either. Redis (scaled out: the game directory, the queue) is a store too: not connected, or timed out.
/// </summary>
internal sealed class StoreOutages : IStoreOutages
{
    public bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when postgres.IsTransient || IsOutageState(postgres.SqlState):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case StackExchange.Redis.RedisConnectionException:
                case TimeoutException:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    private static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)      // connection exception
        || sqlState.StartsWith("53", StringComparison.Ordinal)   // insufficient resources
        || sqlState.StartsWith("57P", StringComparison.Ordinal)  // admin or crash shutdown, cannot connect now
        || sqlState == PostgresErrorCodes.QueryCanceled;         // statement_timeout
}
