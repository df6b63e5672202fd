using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresTwoFactorRepository(PostgresSession session) : ITwoFactorRepository
{
    // wrong_code_window_started_at (0003) is no longer read or written: last_wrong_code_at took its place (0007).
    private const string Columns = "user_id, protected_secret, enabled, last_used_step, wrong_codes, last_wrong_code_at, locked_at";

    // FOR UPDATE: two checks of a code for one user take turns, so one code is never accepted twice.
    private const string FindSql = $"select {Columns} from user_two_factor where user_id = @userId for update";

    private const string IsEnabledSql = "select coalesce((select enabled from user_two_factor where user_id = @userId), false)";

    private const string SaveSql = $"""
        insert into user_two_factor ({Columns})
        values (@UserId, @ProtectedSecret, @Enabled, @LastUsedStep, @WrongCodes, @LastWrongCodeAt, @LockedAt)
        on conflict (user_id) do update set
            protected_secret = excluded.protected_secret,
            enabled = excluded.enabled,
            last_used_step = excluded.last_used_step,
            wrong_codes = excluded.wrong_codes,
            last_wrong_code_at = excluded.last_wrong_code_at,
            locked_at = excluded.locked_at
        """;

    public Task<TwoFactorAuth?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<TwoFactorRow>(
                    new CommandDefinition(FindSql, new { userId }, transaction, cancellationToken: cancellationToken));
                return row?.ToTwoFactor();
            },
            cancellationToken);

    public Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteScalarAsync<bool>(
                new CommandDefinition(IsEnabledSql, new { userId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task SaveAsync(TwoFactorAuth twoFactor, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(SaveSql, TwoFactorRow.From(twoFactor), transaction, cancellationToken: cancellationToken)),
            cancellationToken);
}
