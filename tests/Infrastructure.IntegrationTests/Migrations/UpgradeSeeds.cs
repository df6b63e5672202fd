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
        ["0003_auth.sql"] = """
            insert into refresh_token_families (id, user_id, created_at, revoked_at) values
              ('01936b2e-0000-7000-8000-0000000000f1', '01936b2e-0000-7000-8000-000000000001', '2026-01-03T10:00:00.123456Z', null),
              ('01936b2e-0000-7000-8000-0000000000f2', '01936b2e-0000-7000-8000-000000000002', '2026-01-03T11:00:00Z', '2026-01-03T11:30:00Z');
            insert into refresh_tokens (token_hash, family_id, issued_at, expires_at, used_at) values
              ('0000000000000000000000000000000000000000000000000000000000000001', '01936b2e-0000-7000-8000-0000000000f1', '2026-01-03T10:00:00.123456Z', '2026-02-02T10:00:00.123456Z', '2026-01-03T10:15:00Z'),
              ('0000000000000000000000000000000000000000000000000000000000000002', '01936b2e-0000-7000-8000-0000000000f1', '2026-01-03T10:15:00Z', '2026-02-02T10:15:00Z', null),
              ('0000000000000000000000000000000000000000000000000000000000000003', '01936b2e-0000-7000-8000-0000000000f2', '2026-01-03T11:00:00Z', '2026-02-02T11:00:00Z', null);
            insert into user_two_factor (user_id, protected_secret, enabled, last_used_step, wrong_codes, wrong_code_window_started_at) values
              ('01936b2e-0000-7000-8000-000000000001', 'CfDJ8-protected-secret', true, 58848000, 2, '2026-01-03T10:20:00Z'),
              ('01936b2e-0000-7000-8000-000000000002', null, false, null, 0, null);
            insert into two_factor_tickets (ticket_hash, user_id, expires_at) values
              ('00000000000000000000000000000000000000000000000000000000000000aa', '01936b2e-0000-7000-8000-000000000001', '2026-01-03T10:05:00Z');
            insert into data_protection_keys (friendly_name, xml) values
              ('key-5b0e6a1e-0000-4000-8000-000000000001', '<key id="5b0e6a1e-0000-4000-8000-000000000001" version="1" />');
            """,
    };
}
