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
        ["0002_social.sql"] = """
            insert into users (id, login, display_name, created_at) values
              ('01936b2e-0000-7000-8000-000000000003', 'carol', 'Carol', '2026-01-02T03:04:07Z'),
              ('01936b2e-0000-7000-8000-000000000004', 'dave', 'dave', '2026-01-02T03:04:08Z');
            insert into blocks (blocker_id, blocked_id, created_at) values
              ('01936b2e-0000-7000-8000-000000000001', '01936b2e-0000-7000-8000-000000000004', '2026-01-03T00:00:00.5Z');
            insert into friendships (requester_id, addressee_id, state, requested_at, accepted_at) values
              ('01936b2e-0000-7000-8000-000000000001', '01936b2e-0000-7000-8000-000000000002', 'accepted', '2026-01-03T01:00:00Z', '2026-01-03T01:05:00.25Z'),
              ('01936b2e-0000-7000-8000-000000000003', '01936b2e-0000-7000-8000-000000000001', 'pending', '2026-01-03T02:00:00Z', null);
            insert into avatars (user_id, content_type, content, tag, updated_at) values
              ('01936b2e-0000-7000-8000-000000000002', 'image/gif', '\x474946383961010001000000002c00000000010001000002', 'seed-tag', '2026-01-04T00:00:00Z');
            """,
    };
}
