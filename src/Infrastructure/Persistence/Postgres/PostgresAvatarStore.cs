using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>Avatars as <c>bytea</c> next to their user: at most 1 MiB each, so no object store is needed.</summary>
public sealed class PostgresAvatarStore(PostgresSession session) : IAvatarStore
{
    private const string FindSql = "select user_id, content_type, content, tag, updated_at from avatars where user_id = @userId";

    private const string UpsertSql = """
        insert into avatars (user_id, content_type, content, tag, updated_at)
        values (@UserId, @ContentType, @Content, @Tag, @UpdatedAt)
        on conflict (user_id) do update
        set content_type = excluded.content_type,
            content = excluded.content,
            tag = excluded.tag,
            updated_at = excluded.updated_at
        """;

    private const string DeleteSql = "delete from avatars where user_id = @userId";

    public Task<Avatar?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<AvatarRow>(
                    new CommandDefinition(FindSql, new { userId }, transaction, cancellationToken: cancellationToken));
                return row?.ToAvatar();
            },
            cancellationToken);

    public Task SaveAsync(Avatar avatar, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(UpsertSql, AvatarRow.From(avatar), transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public async Task<bool> RemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(DeleteSql, new { userId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken) > 0;
}
