using Dapper;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresUserRepository(PostgresSession session, TimeProvider clock) : IUserRepository
{
    // Every read brings the user's blocks along, as one array column: a user is never read without them.
    private const string Columns = """
        u.id, u.login, u.display_name, u.created_at, u.provider, u.provider_user_id,
        array(select b.blocked_id from blocks b where b.blocker_id = u.id) as blocked_ids
        """;

    private const string FindByIdSql = $"select {Columns} from users u where u.id = @id";

    private const string FindByIdsSql = $"""
        select {Columns} from users u
        where u.id = any(@ids)
        order by lower(u.display_name) collate "C"
        """;

    private const string FindByLoginSql = $"select {Columns} from users u where u.login = @login and u.provider is null";

    private const string FindByProviderUserIdSql = $"select {Columns} from users u where u.provider = @provider and u.provider_user_id = @providerUserId";

    private const string FindUnlinkedByLoginSql = $"""
        select {Columns} from users u
        where u.provider = @provider and u.provider_user_id is null and u.login = @login
        """;

    private const string NameTakenSql = "select exists (select 1 from users where lower(display_name) = @normalized)";

    // strpos instead of LIKE: the user's text needs no escaping. COLLATE "C" orders exactly as the
    // in-memory store does (ordinal), whatever the database's locale.
    private const string SearchSql = $"""
        select {Columns} from users u
        where @text = ''
           or strpos(lower(u.login), @text) > 0
           or strpos(lower(u.display_name), @text) > 0
        order by lower(u.display_name) collate "C"
        limit @limit
        """;

    private const string InsertSql = """
        insert into users (id, login, display_name, created_at, provider, provider_user_id)
        values (@Id, @Login, @DisplayName, @CreatedAt, @Provider, @ProviderUserId)
        """;

    private const string UpdateSql = """
        update users set display_name = @DisplayName, login = @Login, provider_user_id = @ProviderUserId
        where id = @Id
        """;

    // A block made twice keeps its first time; lifting one that is not there deletes nothing.
    private const string WriteBlocksSql = """
        insert into blocks (blocker_id, blocked_id, created_at)
        select @blockerId, blocked, @now from unnest(@added) as blocked
        on conflict do nothing;
        delete from blocks where blocker_id = @blockerId and blocked_id = any(@lifted);
        """;

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindByIdSql, new { id }, cancellationToken);

    public Task<IReadOnlyList<User>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<User>>([])
            : QueryManyAsync(FindByIdsSql, new { ids = ids.ToArray() }, cancellationToken);

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindByLoginSql, new { login }, cancellationToken);

    public Task<User?> FindByProviderUserIdAsync(string provider, string providerUserId, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindByProviderUserIdSql, new { provider, providerUserId }, cancellationToken);

    public Task<User?> FindUnlinkedByLoginAsync(string provider, string login, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindUnlinkedByLoginSql, new { provider, login }, cancellationToken);

    public Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteScalarAsync<bool>(
                new CommandDefinition(NameTakenSql, new { normalized = displayName.Normalized }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken) =>
        QueryManyAsync(SearchSql, new { text = text.ToLowerInvariant(), limit }, cancellationToken);

    public async Task AddAsync(User user, CancellationToken cancellationToken)
    {
        await ExecuteAsync(InsertSql, user, cancellationToken);
        await WriteBlocksAsync(user, cancellationToken);
    }

    public async Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(UpdateSql, user, cancellationToken) == 0)
        {
            throw UserErrors.NotFound(user.Id);
        }

        await WriteBlocksAsync(user, cancellationToken);
    }

    private async Task WriteBlocksAsync(User user, CancellationToken cancellationToken)
    {
        var changes = user.PendingBlockChanges();
        if (changes.IsEmpty)
        {
            return;
        }

        var parameters = new
        {
            blockerId = user.Id,
            added = changes.Added.ToArray(),
            lifted = changes.Lifted.ToArray(),
            now = clock.GetUtcNow(),
        };
        await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(WriteBlocksSql, parameters, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
        user.BlockChangesSaved();
    }

    private Task<User?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
                    new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
                return row?.ToUser();
            },
            cancellationToken);

    private Task<IReadOnlyList<User>> QueryManyAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<UserRow>(
                    new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
                return (IReadOnlyList<User>)[.. rows.Select(row => row.ToUser())];
            },
            cancellationToken);

    private Task<int> ExecuteAsync(string sql, User user, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                try
                {
                    return await connection.ExecuteAsync(
                        new CommandDefinition(sql, UserRow.From(user), transaction, cancellationToken: cancellationToken));
                }
                catch (PostgresException ex) when (ex.IsUniqueViolation("ux_users_display_name"))
                {
                    throw UserErrors.NameTaken(user.DisplayName.Value);
                }
                catch (PostgresException ex) when (ex.IsUniqueViolation("ux_users_dev_login")
                    || ex.IsUniqueViolation("ux_users_unlinked_login") || ex.IsUniqueViolation("ux_users_provider_user_id"))
                {
                    throw StoreErrors.LoginTaken(user.Login);
                }
            },
            cancellationToken);
}
