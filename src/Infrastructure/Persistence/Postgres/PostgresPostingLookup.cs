using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// The posting read in one round trip: five statements in one <see cref="NpgsqlBatch"/>, each selecting
/// rows by key (the rules stay in <see cref="Channel.Post"/>). Plain Npgsql rather than Dapper: this runs
/// for every chat message, and positional parameters with columns read by position spare the SQL
/// rewriting and the reflection-built mapping.
/// </summary>
public sealed class PostgresPostingLookup(PostgresSession session) : IPostingLookup
{
    // $1 sender, $2 client message id; served by ux_messages_sender_client_id.
    private const string RepeatSql = "select id, channel_id, text, sent_at from messages where sender_id = $1 and client_message_id = $2";

    // $1 sender.
    private const string SenderSql = """
        select u.login, u.display_name, u.created_at, u.provider, u.provider_user_id,
               array(select b.blocked_id from blocks b where b.blocker_id = u.id)
        from users u where u.id = $1
        """;

    // $1 channel, $2 sender: the channel row with the sender's member, mute and ban rows, not the others'.
    private const string ChannelSql = """
        select c.kind, c.name, c.visibility, c.password_hash, c.created_at,
               m.role, m.joined_at,
               mu.muted_by, mu.muted_at, mu.until,
               b.banned_by, b.banned_at, b.until
        from channels c
        left join channel_members m on m.channel_id = c.id and m.user_id = $2
        left join channel_mutes mu on mu.channel_id = c.id and mu.user_id = $2
        left join channel_bans b on b.channel_id = c.id and b.user_id = $2
        where c.id = $1
        """;

    // $1 channel, $2 sender: a direct channel's members other than the sender (the peer, or the whole
    // pair when the sender is not one of it), each with the users they block.
    private const string PairSql = """
        select m.user_id, m.role, m.joined_at,
               u.login, u.display_name, u.created_at, u.provider, u.provider_user_id,
               array(select b.blocked_id from blocks b where b.blocker_id = u.id)
        from channels c
        join channel_members m on m.channel_id = c.id and m.user_id <> $2
        join users u on u.id = m.user_id
        where c.id = $1 and c.kind = 'direct'
        """;

    // $1 channel, $2 sender; served by ix_blocks_blocked_id and the members' primary key.
    private const string BlockingMembersSql = """
        select b.blocker_id from blocks b
        join channel_members m on m.channel_id = $1 and m.user_id = b.blocker_id
        where b.blocked_id = $2
        """;

    public Task<PostingContext> ReadAsync(Guid senderId, Guid channelId, string clientMessageId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        Command(RepeatSql, new NpgsqlParameter<Guid> { TypedValue = senderId }, new NpgsqlParameter<string> { TypedValue = clientMessageId }),
                        Command(SenderSql, new NpgsqlParameter<Guid> { TypedValue = senderId }),
                        Command(ChannelSql, new NpgsqlParameter<Guid> { TypedValue = channelId }, new NpgsqlParameter<Guid> { TypedValue = senderId }),
                        Command(PairSql, new NpgsqlParameter<Guid> { TypedValue = channelId }, new NpgsqlParameter<Guid> { TypedValue = senderId }),
                        Command(BlockingMembersSql, new NpgsqlParameter<Guid> { TypedValue = channelId }, new NpgsqlParameter<Guid> { TypedValue = senderId }),
                    },
                };
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

                var repeat = await reader.ReadAsync(cancellationToken)
                    ? Message.Rehydrate(reader.GetGuid(0), reader.GetGuid(1), senderId, reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), clientMessageId)
                    : null;

                await reader.NextResultAsync(cancellationToken);
                var sender = await reader.ReadAsync(cancellationToken) ? ReadUser(reader, senderId, first: 0) : null;

                await reader.NextResultAsync(cancellationToken);
                var channelRow = await reader.ReadAsync(cancellationToken) ? ReadChannel(reader, channelId, senderId) : null;

                await reader.NextResultAsync(cancellationToken);
                var pair = new List<(ChannelMemberRow Member, User User)>(2);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var userId = reader.GetGuid(0);
                    pair.Add((
                        new ChannelMemberRow { ChannelId = channelId, UserId = userId, Role = reader.GetString(1), JoinedAt = reader.GetFieldValue<DateTimeOffset>(2) },
                        ReadUser(reader, userId, first: 3)));
                }

                await reader.NextResultAsync(cancellationToken);
                var blocking = new List<Guid>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    blocking.Add(reader.GetGuid(0));
                }

                if (channelRow is null)
                {
                    return new PostingContext(repeat, sender, null, null, blocking);
                }

                var record = channelRow with { Members = [.. channelRow.Members, .. pair.Select(p => p.Member)] };
                var peer = channelRow.Members.Count == 1 && pair.Count == 1 ? pair[0].User : null;
                return new PostingContext(repeat, sender, record.ToChannel(), peer, blocking);
            },
            cancellationToken);

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>A user from columns login, display name, created at, provider, provider's user id, blocked ids, from <paramref name="first"/> on.</summary>
    private static User ReadUser(NpgsqlDataReader reader, Guid id, int first) =>
        User.Rehydrate(
            id,
            reader.GetString(first),
            reader.GetString(first + 1),
            reader.GetFieldValue<DateTimeOffset>(first + 2),
            reader.GetFieldValue<Guid[]>(first + 5),
            reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4));

    /// <summary>The channel row of <see cref="ChannelSql"/> with the sender's rows it found.</summary>
    private static ChannelRecord ReadChannel(NpgsqlDataReader reader, Guid channelId, Guid senderId)
    {
        var row = new ChannelRow
        {
            Id = channelId,
            Kind = reader.GetString(0),
            Name = reader.IsDBNull(1) ? null : reader.GetString(1),
            Visibility = reader.GetString(2),
            PasswordHash = reader.IsDBNull(3) ? null : reader.GetString(3),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        };
        ChannelMemberRow[] member = reader.IsDBNull(5)
            ? []
            : [new ChannelMemberRow { ChannelId = channelId, UserId = senderId, Role = reader.GetString(5), JoinedAt = reader.GetFieldValue<DateTimeOffset>(6) }];
        ChannelMuteRow[] mute = reader.IsDBNull(7)
            ? []
            : [new ChannelMuteRow { ChannelId = channelId, UserId = senderId, MutedBy = reader.GetGuid(7), MutedAt = reader.GetFieldValue<DateTimeOffset>(8), Until = reader.GetFieldValue<DateTimeOffset>(9) }];
        ChannelBanRow[] ban = reader.IsDBNull(10)
            ? []
            : [new ChannelBanRow
            {
                ChannelId = channelId,
                UserId = senderId,
                BannedBy = reader.GetGuid(10),
                BannedAt = reader.GetFieldValue<DateTimeOffset>(11),
                Until = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            }];
        return new ChannelRecord(row, member, [], ban, mute);
    }
}
