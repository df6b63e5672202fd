namespace Transcendence.Infrastructure.IntegrationTests.Migrations;

/// <summary>
/// Rows to write into the tables a script creates, so the upgrade test can prove every later script
/// keeps them. Each new script that creates a table adds its seed here.
/// </summary>
internal static class UpgradeSeeds
{
    public static IReadOnlyDictionary<string, string> ByScript { get; } = new Dictionary<string, string>
    {
        ["0001_create_users.sql"] = """
            insert into users (id, login, display_name, created_at) values
              ('01936b2e-0000-7000-8000-000000000001', 'alice', 'Alice', '2026-01-02T03:04:05.123456Z'),
              ('01936b2e-0000-7000-8000-000000000002', 'bob', 'bob_the_builder', '2026-01-02T03:04:06Z');
            """,
    };
}
