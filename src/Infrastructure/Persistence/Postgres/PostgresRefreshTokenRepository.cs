using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresRefreshTokenRepository(PostgresSession session) : IRefreshTokenRepository
{
    private const string InsertFamilySql = """
        insert into refresh_token_families (id, user_id, created_at, revoked_at)
        values (@Id, @UserId, @CreatedAt, @RevokedAt)
        """;

    private const string FindFamilySql = "select id, user_id, created_at, revoked_at from refresh_token_families where id = @familyId";

    private const string UpdateFamilySql = "update refresh_token_families set revoked_at = @RevokedAt where id = @Id";

    private const string InsertTokenSql = """
        insert into refresh_tokens (token_hash, family_id, issued_at, expires_at, used_at)
        values (@TokenHash, @FamilyId, @IssuedAt, @ExpiresAt, @UsedAt)
        """;

    // FOR UPDATE: a concurrent refresh with the same token waits for this transaction, then reads the
    // token as used (READ COMMITTED re-reads a locked row) and so takes the reuse path.
    private const string FindTokenSql = """
        select token_hash, family_id, issued_at, expires_at, used_at from refresh_tokens
        where token_hash = @tokenHash
        for update
        """;

    private const string UpdateTokenSql = "update refresh_tokens set used_at = @UsedAt where token_hash = @TokenHash";

    public Task AddFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertFamilySql, RefreshTokenFamilyRow.From(family), cancellationToken);

    public Task<RefreshTokenFamily?> FindFamilyAsync(Guid familyId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<RefreshTokenFamilyRow>(
                    new CommandDefinition(FindFamilySql, new { familyId }, transaction, cancellationToken: cancellationToken));
                return row?.ToFamily();
            },
            cancellationToken);

    public async Task UpdateFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(UpdateFamilySql, RefreshTokenFamilyRow.From(family), cancellationToken) == 0)
        {
            throw new InvalidOperationException($"the login {family.Id} is not stored");
        }
    }

    public Task AddTokenAsync(RefreshToken token, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertTokenSql, RefreshTokenRow.From(token), cancellationToken);

    public Task<RefreshToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<RefreshTokenRow>(
                    new CommandDefinition(FindTokenSql, new { tokenHash }, transaction, cancellationToken: cancellationToken));
                return row?.ToToken();
            },
            cancellationToken);

    public async Task UpdateTokenAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(UpdateTokenSql, RefreshTokenRow.From(token), cancellationToken) == 0)
        {
            throw new InvalidOperationException("the refresh token is not stored");
        }
    }

    private Task<int> ExecuteAsync(string sql, object row, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
}
