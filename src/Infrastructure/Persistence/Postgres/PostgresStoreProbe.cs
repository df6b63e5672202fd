using Dapper;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>Ready means a real query against the schema answers, not merely that a socket opens.</summary>
public sealed class PostgresStoreProbe(PostgresSession session) : IStoreProbe
{
    public Task CheckAsync(CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteScalarAsync<long>(
                new CommandDefinition("select count(*) from (select 1 from users limit 1) probe", transaction: transaction, cancellationToken: cancellationToken)),
            cancellationToken);
}
