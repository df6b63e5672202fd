using Dapper;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresBlockLookup(PostgresSession session) : IBlockLookup
{
    // Served by ix_blocks_blocked_id.
    private const string BlockersSql = "select blocker_id from blocks where blocked_id = @userId";

    public Task<IReadOnlySet<Guid>> BlockersOfAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var ids = await connection.QueryAsync<Guid>(new CommandDefinition(BlockersSql, new { userId }, transaction, cancellationToken: cancellationToken));
                return (IReadOnlySet<Guid>)ids.ToHashSet();
            },
            cancellationToken);
}
