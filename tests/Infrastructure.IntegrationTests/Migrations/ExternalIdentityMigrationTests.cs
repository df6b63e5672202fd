using Dapper;
using Npgsql;
using Transcendence.Infrastructure.Persistence.Migrations;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Migrations;

/// <summary>
/// <c>0007_identity_limits.sql</c> on a database with users: each one is kept as a provider account whose
/// provider id is not known yet, and login uniqueness becomes what the external identities need.
/// </summary>
[TestFixture]
public sealed class ExternalIdentityMigrationTests
{
    private const string Script = "0007_identity_limits.sql";

    [Test]
    public async Task Existing_users_become_unlinked_provider_accounts_and_a_linked_login_may_be_given_again()
    {
        var connectionString = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        var before = DatabaseMigrator.Scripts[DatabaseMigrator.Scripts.ToList().IndexOf(Script) - 1];
        DatabaseMigrator.Migrate(connectionString, upTo: before).Error.ShouldBeNull();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            insert into users (id, login, display_name, created_at) values
              ('01936b2e-0000-7000-8000-000000000001', 'alice', 'Alice', '2026-01-02T03:04:05Z'),
              ('01936b2e-0000-7000-8000-000000000002', 'bob', 'bob', '2026-01-02T03:04:06Z');
            """);

        DatabaseMigrator.Migrate(connectionString).Error.ShouldBeNull();

        var users = (await connection.QueryAsync<(string Login, string? Provider, string? ProviderUserId)>(
            "select login, provider, provider_user_id from users order by login")).ToList();
        users.ShouldBe([("alice", "42", null), ("bob", "42", null)]);

        await connection.ExecuteAsync("update users set provider_user_id = '1001' where login = 'alice'");
        await connection.ExecuteAsync("""
            insert into users (id, login, display_name, created_at, provider, provider_user_id) values
              ('01936b2e-0000-7000-8000-000000000003', 'alice', 'alice2', '2026-01-03T00:00:00Z', '42', '2002'),
              ('01936b2e-0000-7000-8000-000000000004', 'alice', 'alice3', '2026-01-03T00:00:00Z', null, null);
            """);
        var unlinkedTwice = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("""
            insert into users (id, login, display_name, created_at, provider) values
              ('01936b2e-0000-7000-8000-000000000005', 'bob', 'bob2', '2026-01-03T00:00:00Z', '42');
            """));
        unlinkedTwice.ConstraintName.ShouldBe("ux_users_unlinked_login");
    }
}
