using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Transcendence.BareServer;

/// <summary>
/// The HTTP scenario's floor: <c>GET /floor/users/{id}</c> and <c>GET /floor/channels/{id}/messages?as={userId}</c>, the
/// app's <c>GET /api/users/{id}</c> and <c>GET /api/channels/{id}/messages</c> as bare
/// minimal-API endpoints that send the very SQL the app's Postgres repositories send for those requests,
/// statement for statement and round trip for round trip, through one <see cref="NpgsqlDataSource"/>, read
/// the rows into small records and answer the same JSON shape. What is left out is everything around the
/// SQL: auth (no JWT to validate; the caller is <c>?as={userId}</c>), the mediator pipeline, request
/// logging, Dapper, the domain model. Each request uses one pooled connection for all its statements
/// (the app rents one per repository call). Presence is not tracked here: <c>status</c> is "offline".
/// </summary>
public static class FloorEndpoints
{
    // PostgresUserRepository.FindByIdSql and FindByIdsSql.
    private const string UserColumns = """
        u.id, u.login, u.display_name, u.created_at,
        array(select b.blocked_id from blocks b where b.blocker_id = u.id) as blocked_ids
        """;

    private const string UserByIdSql = $"select {UserColumns} from users u where u.id = @id";

    private const string UsersByIdsSql = $"""
        select {UserColumns} from users u
        where u.id = any(@ids)
        order by lower(u.display_name) collate "C"
        """;

    // PostgresPlayerStatsRepository: FindSql, AchievementsSql, RankSql.
    private const string StatsSql = "select user_id, wins, losses, rating, games_spectated from player_stats where user_id = @userId";

    private const string AchievementsSql = """
        select user_id, code, earned_at from achievements
        where user_id = any(@userIds)
        order by earned_at, code collate "C"
        """;

    private const string RankSql = """
        select 1 + (
            select count(*) from player_stats o
            where o.wins + o.losses > 0
              and (o.rating > s.rating
                   or (o.rating = s.rating and (o.wins > s.wins or (o.wins = s.wins and o.user_id < s.user_id)))))
        from player_stats s
        where s.user_id = @userId and s.wins + s.losses > 0
        """;

    // PostgresChannelRepository: FindByIdSql as a query runs it (no unit of work, so no FOR UPDATE),
    // sent in one batch with ChildrenSql (members, invites, bans, mutes).
    private const string ChannelSql = "select id, kind, name, visibility, password_hash, direct_key, created_at from channels where id = @id";

    private const string ChildrenSql = """
        select channel_id, user_id, role, joined_at from channel_members where channel_id = any(@ids);
        select channel_id, user_id, invited_by, invited_at from channel_invites where channel_id = any(@ids);
        select channel_id, user_id, banned_by, banned_at, until from channel_bans where channel_id = any(@ids);
        select channel_id, user_id, muted_by, muted_at, until from channel_mutes where channel_id = any(@ids);
        """;

    // PostgresMessageRepository.ListSql.
    private const string MessagesSql = """
        select id, channel_id, sender_id, text, sent_at, client_message_id from messages
        where channel_id = @channelId
          and not (sender_id = any(@excluded))
          and (@before::uuid is null
               or (sent_at, id) < (select c.sent_at, c.id from messages c where c.id = @before and c.channel_id = @channelId))
        order by sent_at desc, id desc
        limit @limit
        """;

    private const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapFloorEndpoints(this IEndpointRouteBuilder app, NpgsqlDataSource db)
    {
        app.MapGet("/floor/users/{id:guid}", async (Guid id, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var user = await ReadUserAsync(connection, id, ct);
            if (user is null)
            {
                return Results.NotFound();
            }

            var stats = await ReadStatsAsync(connection, id, ct);
            return Results.Json(new Profile(user.Id, user.Login, user.DisplayName, $"/api/users/{user.Id}/avatar", "offline", stats), Json);
        });

        app.MapGet("/floor/channels/{id:guid}/messages", async (Guid id, Guid @as, Guid? before, int? limit, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var reader = await ReadUserAsync(connection, @as, ct);
            var members = await ReadChannelMembersAsync(connection, id, ct);
            if (reader is null || members is null)
            {
                return Results.NotFound();
            }

            if (!members.Contains(reader.Id))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var page = await ReadMessagesAsync(connection, id, before, limit ?? DefaultLimit, reader.BlockedIds, ct);
            var names = await ReadNamesAsync(connection, [.. page.Select(m => m.SenderId).Distinct()], ct);
            return Results.Json(
                page.Select(m => new MessageView(m.ChannelId, m.Id, new UserRef(m.SenderId, names.GetValueOrDefault(m.SenderId, "unknown")), m.Text, m.SentAt, m.ClientMessageId)).ToList(),
                Json);
        });

        return app;
    }

    /// <summary>The app's JSON: web defaults (camelCase) and times as <c>…Z</c> (its UtcInstantJsonConverter).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcInstantConverter() } };

    private static async Task<UserRow?> ReadUserAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(UserByIdSql, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? UserRow.Read(reader) : null;
    }

    private static async Task<Stats> ReadStatsAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        int wins = 0, losses = 0, rating = 1000;
        await using (var command = new NpgsqlCommand(StatsSql, connection))
        {
            command.Parameters.AddWithValue("userId", userId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                (wins, losses, rating) = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            }
        }

        var achievements = new List<string>();
        await using (var command = new NpgsqlCommand(AchievementsSql, connection))
        {
            command.Parameters.AddWithValue("userIds", new[] { userId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                achievements.Add(reader.GetString(1));
            }
        }

        int? rank = null;
        await using (var command = new NpgsqlCommand(RankSql, connection))
        {
            command.Parameters.AddWithValue("userId", userId);
            if (await command.ExecuteScalarAsync(ct) is long r)
            {
                rank = (int)r;
            }
        }

        return new Stats(wins, losses, rating, rank, achievements);
    }

    /// <summary>
    /// The channel's member ids, or null when there is no such channel: the channel row and its four
    /// child result sets in one batch, as PostgresChannelRepository reads a channel (one round trip).
    /// The invites, bans and mutes are read like the app reads them, and dropped.
    /// </summary>
    private static async Task<HashSet<Guid>?> ReadChannelMembersAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var batch = new NpgsqlCommand($"{ChannelSql};\n{ChildrenSql}", connection);
        batch.Parameters.AddWithValue("id", id);
        batch.Parameters.AddWithValue("ids", new[] { id });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        await reader.NextResultAsync(ct);
        var members = new HashSet<Guid>();
        while (await reader.ReadAsync(ct))
        {
            members.Add(reader.GetGuid(1));
        }

        while (await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _ = reader.GetGuid(1);
            }
        }

        return members;
    }

    private static async Task<List<MessageRow>> ReadMessagesAsync(
        NpgsqlConnection connection, Guid channelId, Guid? before, int limit, Guid[] excluded, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(MessagesSql, connection);
        command.Parameters.AddWithValue("channelId", channelId);
        command.Parameters.AddWithValue("excluded", excluded);
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Uuid) { Value = before is { } b ? b : DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<MessageRow>(limit);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new MessageRow(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.GetString(5)));
        }

        return rows;
    }

    private static async Task<Dictionary<Guid, string>> ReadNamesAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>(ids.Length);
        if (ids.Length == 0)
        {
            return names;
        }

        await using var command = new NpgsqlCommand(UsersByIdsSql, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = UserRow.Read(reader);
            names[row.Id] = row.DisplayName;
        }

        return names;
    }

    private sealed record UserRow(Guid Id, string Login, string DisplayName, DateTimeOffset CreatedAt, Guid[] BlockedIds)
    {
        public static UserRow Read(NpgsqlDataReader reader) => new(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
            new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero), reader.GetFieldValue<Guid[]>(4));
    }

    private sealed record MessageRow(Guid Id, Guid ChannelId, Guid SenderId, string Text, DateTimeOffset SentAt, string ClientMessageId);

    public sealed record Stats(int Wins, int Losses, int Rating, int? Rank, IReadOnlyList<string> Achievements);

    public sealed record Profile(Guid Id, string Login, string DisplayName, string AvatarUrl, string Status, Stats Stats);

    public sealed record UserRef(Guid Id, string DisplayName);

    public sealed record MessageView(Guid ChannelId, Guid MessageId, UserRef Sender, string Text, DateTimeOffset SentAt, string ClientMessageId);

    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
