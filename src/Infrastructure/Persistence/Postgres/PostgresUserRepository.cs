using Dapper;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresUserRepository(PostgresSession session) : IUserRepository
{
    private const string Columns = "id, login, display_name, created_at";

    private const string FindByIdSql = $"select {Columns} from users where id = @id";

    private const string FindByLoginSql = $"select {Columns} from users where login = @login";

    private const string NameTakenSql = "select exists (select 1 from users where lower(display_name) = @normalized)";

    // strpos instead of LIKE: the user's text needs no escaping. COLLATE "C" orders exactly as the
    // in-memory store does (ordinal), whatever the database's locale.
    private const string SearchSql = $"""
        select {Columns} from users
        where @text = ''
           or strpos(lower(login), @text) > 0
           or strpos(lower(display_name), @text) > 0
        order by lower(display_name) collate "C"
        limit @limit
        """;

    private const string InsertSql = """
        insert into users (id, login, display_name, created_at)
        values (@Id, @Login, @DisplayName, @CreatedAt)
        """;

    private const string UpdateSql = "update users set display_name = @DisplayName where id = @Id";

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindByIdSql, new { id }, cancellationToken);

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        QuerySingleAsync(FindByLoginSql, new { login }, cancellationToken);

    public Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteScalarAsync<bool>(
                new CommandDefinition(NameTakenSql, new { normalized = displayName.Normalized }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<UserRow>(
                    new CommandDefinition(SearchSql, new { text = text.ToLowerInvariant(), limit }, transaction, cancellationToken: cancellationToken));
                return (IReadOnlyList<User>)[.. rows.Select(row => row.ToUser())];
            },
            cancellationToken);

    public Task AddAsync(User user, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertSql, user, cancellationToken);

    public async Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(UpdateSql, user, cancellationToken) == 0)
        {
            throw UserErrors.NotFound(user.Id);
        }
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
                catch (PostgresException ex) when (ex.IsUniqueViolation("ux_users_login"))
                {
                    throw StoreErrors.LoginTaken(user.Login);
                }
            },
            cancellationToken);
}
