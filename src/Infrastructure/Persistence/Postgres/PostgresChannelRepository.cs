using Dapper;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// Channels in PostgreSQL: a <c>channels</c> row and the rows of <c>channel_members</c>,
/// <c>channel_invites</c>, <c>channel_bans</c> and <c>channel_mutes</c>. A save replaces the child rows
/// whole, in one transaction.
/// </summary>
public sealed class PostgresChannelRepository(PostgresSession session) : IChannelRepository
{
    private const string Columns = "id, kind, name, visibility, password_hash, direct_key, created_at";

    private const string FindByIdSql = $"select {Columns} from channels where id = @id";

    // FOR UPDATE: inside a unit of work the row stays locked until it ends, so concurrent commands on
    // one channel take turns (READ COMMITTED then reads the child rows the previous one committed).
    // Only there: outside one (the queries: history, details) the lock would last for the statement
    // alone and protect nothing, yet it still writes the row (xmax, a WAL record) and makes every reader
    // of a busy channel queue behind the others and behind any send's open transaction.
    private const string FindByIdForUpdateSql = $"{FindByIdSql} for update";

    private const string FindByDirectKeySql = $"select {Columns} from channels where direct_key = @key";

    private const string ListForMemberSql = $"""
        select {Columns} from channels c
        where exists (select 1 from channel_members m where m.channel_id = c.id and m.user_id = @userId)
        order by id
        """;

    // strpos instead of LIKE: the text needs no escaping. COLLATE "C" orders as the in-memory store does.
    private const string SearchListedSql = $"""
        select {Columns} from channels
        where kind = 'group'
          and visibility in ('public', 'protected')
          and (@text = '' or strpos(lower(name), @text) > 0)
        order by lower(name) collate "C", id
        limit @limit
        """;

    private const string EndedRestrictionsSql = """
        select id from channels c
        where exists (select 1 from channel_mutes m where m.channel_id = c.id and m.until <= @now)
           or exists (select 1 from channel_bans b where b.channel_id = c.id and b.until <= @now)
        order by id
        limit @limit
        """;

    private const string ChildrenSql = """
        select channel_id, user_id, role, joined_at from channel_members where channel_id = any(@ids);
        select channel_id, user_id, invited_by, invited_at from channel_invites where channel_id = any(@ids);
        select channel_id, user_id, banned_by, banned_at, until from channel_bans where channel_id = any(@ids);
        select channel_id, user_id, muted_by, muted_at, until from channel_mutes where channel_id = any(@ids);
        """;

    // A second direct channel for a pair does nothing (waiting for a concurrent insert to settle first);
    // the caller then reads the one that won.
    private const string InsertSql = """
        insert into channels (id, kind, name, visibility, password_hash, direct_key, created_at)
        values (@Id, @Kind, @Name, @Visibility, @PasswordHash, @DirectKey, @CreatedAt)
        on conflict (direct_key) do nothing
        """;

    private const string UpdateSql = """
        update channels set name = @Name, visibility = @Visibility, password_hash = @PasswordHash
        where id = @Id
        """;

    private const string ReplaceChildrenSql = """
        delete from channel_members where channel_id = @id;
        delete from channel_invites where channel_id = @id;
        delete from channel_bans where channel_id = @id;
        delete from channel_mutes where channel_id = @id;
        insert into channel_members (channel_id, user_id, role, joined_at)
            select @id, r.user_id, r.role, r.joined_at
            from unnest(@memberIds, @memberRoles, @memberJoinedAt) as r (user_id, role, joined_at);
        insert into channel_invites (channel_id, user_id, invited_by, invited_at)
            select @id, r.user_id, r.invited_by, r.invited_at
            from unnest(@inviteIds, @invitedBy, @invitedAt) as r (user_id, invited_by, invited_at);
        insert into channel_bans (channel_id, user_id, banned_by, banned_at, until)
            select @id, r.user_id, r.banned_by, r.banned_at, r.until
            from unnest(@banIds, @bannedBy, @bannedAt, @banUntil) as r (user_id, banned_by, banned_at, until);
        insert into channel_mutes (channel_id, user_id, muted_by, muted_at, until)
            select @id, r.user_id, r.muted_by, r.muted_at, r.until
            from unnest(@muteIds, @mutedBy, @mutedAt, @muteUntil) as r (user_id, muted_by, muted_at, until);
        """;

    // The child rows and the messages go with it (on delete cascade).
    private const string DeleteSql = "delete from channels where id = @id";

    public Task<Channel?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindByIdWithChildrenAsync(session.InTransaction ? FindByIdForUpdateSql : FindByIdSql, id, cancellationToken);

    public Task<Channel?> FindDirectAsync(Guid firstUserId, Guid secondUserId, CancellationToken cancellationToken) =>
        FindOneAsync(FindByDirectKeySql, new { key = DirectPairKey.For(firstUserId, secondUserId) }, cancellationToken);

    public Task<Channel> AddAsync(Channel channel, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                var record = ChannelRecord.From(channel);
                var inserted = await connection.ExecuteAsync(
                    new CommandDefinition(InsertSql, record.Channel, transaction, cancellationToken: cancellationToken));
                if (inserted == 0)
                {
                    var existing = await LoadAsync(connection, transaction, FindByDirectKeySql, new { key = channel.DirectKey }, cancellationToken);
                    return existing.Single();
                }

                await ReplaceChildrenAsync(connection, transaction, record, cancellationToken);
                return channel;
            },
            cancellationToken);

    public Task UpdateAsync(Channel channel, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                var record = ChannelRecord.From(channel);
                var updated = await connection.ExecuteAsync(
                    new CommandDefinition(UpdateSql, record.Channel, transaction, cancellationToken: cancellationToken));
                if (updated == 0)
                {
                    throw ChannelErrors.NotFound(channel.Id);
                }

                await ReplaceChildrenAsync(connection, transaction, record, cancellationToken);
                return updated;
            },
            cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(DeleteSql, new { id }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<IReadOnlyList<Channel>> ListForMemberAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => LoadAsync(connection, transaction, ListForMemberSql, new { userId }, cancellationToken),
            cancellationToken);

    public Task<IReadOnlyList<Channel>> SearchListedAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return session.RunAsync(
            (connection, transaction) => LoadAsync(
                connection, transaction, SearchListedSql, new { text = text.ToLowerInvariant(), limit }, cancellationToken),
            cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> ListIdsWithEndedRestrictionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return session.RunAsync(
            async (connection, transaction) =>
            {
                var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
                    EndedRestrictionsSql, new { now = Instant.Normalize(now), limit }, transaction, cancellationToken: cancellationToken));
                return (IReadOnlyList<Guid>)[.. ids];
            },
            cancellationToken);
    }

    private Task<Channel?> FindOneAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
                (await LoadAsync(connection, transaction, sql, parameters, cancellationToken)).SingleOrDefault(),
            cancellationToken);

    /// <summary>
    /// One channel and its child rows in one round trip (every chat send reads its channel). The row's
    /// lock is taken by the batch's first statement; the child rows are read by later statements, which
    /// under READ COMMITTED see whatever the previous lock holder committed.
    /// </summary>
    private Task<Channel?> FindByIdWithChildrenAsync(string lockingSql, Guid id, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                    $"{lockingSql};\n{ChildrenSql}", new { id, ids = new[] { id } }, transaction, cancellationToken: cancellationToken));
                var rows = (await grid.ReadAsync<ChannelRow>()).ToList();
                return rows.Count == 0 ? null : (await WithChildrenAsync(rows, grid)).Single();
            },
            cancellationToken);

    /// <summary>The channels <paramref name="sql"/> selects, in its order, each with its child rows.</summary>
    private static async Task<IReadOnlyList<Channel>> LoadAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        object parameters,
        CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<ChannelRow>(
            new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            ChildrenSql, new { ids = rows.Select(r => r.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
        return await WithChildrenAsync(rows, grid);
    }

    /// <summary>Reads the four child result sets of <see cref="ChildrenSql"/> and builds the channels.</summary>
    private static async Task<IReadOnlyList<Channel>> WithChildrenAsync(List<ChannelRow> rows, SqlMapper.GridReader grid)
    {
        var members = (await grid.ReadAsync<ChannelMemberRow>()).ToLookup(r => r.ChannelId);
        var invites = (await grid.ReadAsync<ChannelInviteRow>()).ToLookup(r => r.ChannelId);
        var bans = (await grid.ReadAsync<ChannelBanRow>()).ToLookup(r => r.ChannelId);
        var mutes = (await grid.ReadAsync<ChannelMuteRow>()).ToLookup(r => r.ChannelId);
        return [.. rows.Select(row => new ChannelRecord(
            row, [.. members[row.Id]], [.. invites[row.Id]], [.. bans[row.Id]], [.. mutes[row.Id]]).ToChannel())];
    }

    private static Task<int> ReplaceChildrenAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        ChannelRecord record,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            ReplaceChildrenSql,
            new
            {
                id = record.Channel.Id,
                memberIds = record.Members.Select(m => m.UserId).ToArray(),
                memberRoles = record.Members.Select(m => m.Role).ToArray(),
                memberJoinedAt = record.Members.Select(m => m.JoinedAt).ToArray(),
                inviteIds = record.Invites.Select(i => i.UserId).ToArray(),
                invitedBy = record.Invites.Select(i => i.InvitedBy).ToArray(),
                invitedAt = record.Invites.Select(i => i.InvitedAt).ToArray(),
                banIds = record.Bans.Select(b => b.UserId).ToArray(),
                bannedBy = record.Bans.Select(b => b.BannedBy).ToArray(),
                bannedAt = record.Bans.Select(b => b.BannedAt).ToArray(),
                banUntil = record.Bans.Select(b => b.Until).ToArray(),
                muteIds = record.Mutes.Select(m => m.UserId).ToArray(),
                mutedBy = record.Mutes.Select(m => m.MutedBy).ToArray(),
                mutedAt = record.Mutes.Select(m => m.MutedAt).ToArray(),
                muteUntil = record.Mutes.Select(m => m.Until).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Runs <paramref name="work"/> in the unit of work's transaction, or in a transaction of its own when
    /// none is open, so a save never leaves half its rows behind.
    /// </summary>
    private Task<T> InTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                if (transaction is not null)
                {
                    return await work(connection, transaction);
                }

                await using var own = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, own);
                await own.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);
}
