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
        // Alice and Bob come from 0001. A protected group, their direct channel, a private group with an
        // invitation and a public group with a ban; a mute and messages with a multi-line text.
        ["0004_chat.sql"] = """
            insert into channels (id, kind, name, visibility, password_hash, direct_key, created_at) values
              ('01936b2e-0000-7000-8000-000000000101', 'group', 'General', 'protected',
               'pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', null, '2026-01-02T03:04:07.654321Z'),
              ('01936b2e-0000-7000-8000-000000000102', 'direct', null, 'private', null,
               '01936b2e-0000-7000-8000-000000000001:01936b2e-0000-7000-8000-000000000002', '2026-01-02T03:04:08Z'),
              ('01936b2e-0000-7000-8000-000000000103', 'group', 'Hideout', 'private', null, null, '2026-01-02T03:04:09Z'),
              ('01936b2e-0000-7000-8000-000000000104', 'group', 'Lobby', 'public', null, null, '2026-01-02T03:04:10Z');
            insert into channel_members (channel_id, user_id, role, joined_at) values
              ('01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000001', 'owner', '2026-01-02T03:04:07.654321Z'),
              ('01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000002', 'admin', '2026-01-02T03:05:00Z'),
              ('01936b2e-0000-7000-8000-000000000102', '01936b2e-0000-7000-8000-000000000001', 'member', '2026-01-02T03:04:08Z'),
              ('01936b2e-0000-7000-8000-000000000102', '01936b2e-0000-7000-8000-000000000002', 'member', '2026-01-02T03:04:08Z'),
              ('01936b2e-0000-7000-8000-000000000103', '01936b2e-0000-7000-8000-000000000001', 'owner', '2026-01-02T03:04:09Z'),
              ('01936b2e-0000-7000-8000-000000000104', '01936b2e-0000-7000-8000-000000000001', 'owner', '2026-01-02T03:04:10Z');
            insert into channel_invites (channel_id, user_id, invited_by, invited_at) values
              ('01936b2e-0000-7000-8000-000000000103', '01936b2e-0000-7000-8000-000000000002', '01936b2e-0000-7000-8000-000000000001', '2026-01-02T03:06:00Z');
            insert into channel_bans (channel_id, user_id, banned_by, banned_at, until) values
              ('01936b2e-0000-7000-8000-000000000104', '01936b2e-0000-7000-8000-000000000002', '01936b2e-0000-7000-8000-000000000001', '2026-01-02T03:07:00Z', '2026-02-02T03:07:00Z');
            insert into channel_mutes (channel_id, user_id, muted_by, muted_at, until) values
              ('01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000002', '01936b2e-0000-7000-8000-000000000001', '2026-01-02T03:08:00Z', '2026-01-02T03:13:00Z');
            insert into messages (id, channel_id, sender_id, text, sent_at, client_message_id) values
              ('01936b2e-0000-7000-8000-000000000201', '01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000001', 'hello', '2026-01-02T03:05:01.000001Z', 'a-1'),
              ('01936b2e-0000-7000-8000-000000000202', '01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000002', E'hi\n\tthere', '2026-01-02T03:05:01.000001Z', 'b-1'),
              ('01936b2e-0000-7000-8000-000000000203', '01936b2e-0000-7000-8000-000000000102', '01936b2e-0000-7000-8000-000000000002', 'psst', '2026-01-02T03:05:02Z', 'b-2');
            """,
        // Alice (0001) beat Bob on the score, then Bob won by forfeit; Carol (0002) watched. Figures and achievements to match.
        ["0005_games.sql"] = """
            insert into matches (id, mode, winning_score, ball_speed, paddle_size, left_player_id, right_player_id,
                                 left_score, right_score, winner_id, reason, started_at, ended_at) values
              ('01936b2e-0000-7000-8000-000000000301', 'classic', 5, 1.25, 80, '01936b2e-0000-7000-8000-000000000001',
               '01936b2e-0000-7000-8000-000000000002', 5, 0, '01936b2e-0000-7000-8000-000000000001', 'score',
               '2026-01-05T10:00:00.000001Z', '2026-01-05T10:03:00.5Z'),
              ('01936b2e-0000-7000-8000-000000000302', 'speed', 21, 2.0, 40, '01936b2e-0000-7000-8000-000000000002',
               '01936b2e-0000-7000-8000-000000000001', 1, 3, '01936b2e-0000-7000-8000-000000000002', 'forfeit',
               '2026-01-05T11:00:00Z', '2026-01-05T11:01:00Z');
            insert into player_stats (user_id, wins, losses, rating, games_spectated) values
              ('01936b2e-0000-7000-8000-000000000001', 1, 1, 1000, 0),
              ('01936b2e-0000-7000-8000-000000000002', 1, 1, 1000, 0),
              ('01936b2e-0000-7000-8000-000000000003', 0, 0, 1000, 2);
            insert into achievements (user_id, code, earned_at) values
              ('01936b2e-0000-7000-8000-000000000001', 'first_win', '2026-01-05T10:03:00.5Z'),
              ('01936b2e-0000-7000-8000-000000000001', 'flawless_win', '2026-01-05T10:03:00.5Z'),
              ('01936b2e-0000-7000-8000-000000000002', 'first_win', '2026-01-05T11:01:00Z'),
              ('01936b2e-0000-7000-8000-000000000003', 'first_spectated', '2026-01-05T10:03:00.5Z');
            """,
        ["0007_identity_limits.sql"] = """
            insert into channel_password_guesses (channel_id, user_id, wrong_guesses, last_wrong_at) values
              ('01936b2e-0000-7000-8000-000000000101', '01936b2e-0000-7000-8000-000000000004', 6, '2026-01-06T10:00:00.25Z');
            insert into users (id, login, display_name, created_at, provider, provider_user_id) values
              ('01936b2e-0000-7000-8000-000000000005', 'alice', 'alice_linked', '2026-01-06T00:00:00Z', '42', '4242'),
              ('01936b2e-0000-7000-8000-000000000006', 'marvin', 'marvin_dev', '2026-01-06T00:00:01Z', null, null);
            """,
        ["0008_match_play.sql"] = """
            insert into matches (id, mode, winning_score, ball_speed, paddle_size, left_player_id, right_player_id,
                                 left_score, right_score, winner_id, reason, started_at, ended_at,
                                 left_max_deficit, right_max_deficit, spectator_ids) values
              ('01936b2e-0000-7000-8000-000000000303', 'speed', 5, 1.5, 80, '01936b2e-0000-7000-8000-000000000001',
               '01936b2e-0000-7000-8000-000000000002', 5, 3, '01936b2e-0000-7000-8000-000000000001', 'score',
               '2026-01-07T10:00:00Z', '2026-01-07T10:04:00Z', 3, 1, '{01936b2e-0000-7000-8000-000000000003}');
            """,
    };
}
