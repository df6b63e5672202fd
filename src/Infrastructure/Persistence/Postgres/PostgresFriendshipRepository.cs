using Dapper;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresFriendshipRepository(PostgresSession session) : IFriendshipRepository
{
    private const string Columns = "requester_id, addressee_id, state, requested_at, accepted_at";

    private const string FindBetweenSql = $"""
        select {Columns} from friendships
        where (requester_id = @userId and addressee_id = @otherUserId)
           or (requester_id = @otherUserId and addressee_id = @userId)
        """;

    /// <summary>
    /// Holds the unordered pair until the transaction ends: two people asking each other at the same moment
    /// then run one after the other, and the second finds the first's request and accepts it (the pair has no
    /// row yet to lock). The two-key form with our own class id keeps clear of other advisory locks.
    /// </summary>
    private const string LockPairSql = """
        select pg_advisory_xact_lock(
            @FriendshipsLockClass,
            hashtext(least(@userId, @otherUserId)::text || greatest(@userId, @otherUserId)::text))
        """;

    private const int FriendshipsLockClass = 0x46524E44; // "FRND"

    private const string ListOfSql = $"select {Columns} from friendships where requester_id = @userId or addressee_id = @userId";

    private const string InsertSql = """
        insert into friendships (requester_id, addressee_id, state, requested_at, accepted_at)
        values (@RequesterId, @AddresseeId, @State, @RequestedAt, @AcceptedAt)
        """;

    private const string UpdateSql = """
        update friendships set state = @State, accepted_at = @AcceptedAt
        where requester_id = @RequesterId and addressee_id = @AddresseeId
        """;

    private const string DeleteBetweenSql = """
        delete from friendships
        where (requester_id = @userId and addressee_id = @otherUserId)
           or (requester_id = @otherUserId and addressee_id = @userId)
        """;

    public Task<Friendship?> FindBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                if (transaction is not null)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        LockPairSql, new { FriendshipsLockClass, userId, otherUserId }, transaction, cancellationToken: cancellationToken));
                }

                var row = await connection.QuerySingleOrDefaultAsync<FriendshipRow>(
                    new CommandDefinition(FindBetweenSql, new { userId, otherUserId }, transaction, cancellationToken: cancellationToken));
                return row?.ToFriendship();
            },
            cancellationToken);

    public Task<IReadOnlyList<Friendship>> ListOfAsync(Guid userId, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<FriendshipRow>(
                    new CommandDefinition(ListOfSql, new { userId }, transaction, cancellationToken: cancellationToken));
                return (IReadOnlyList<Friendship>)[.. rows.Select(row => row.ToFriendship())];
            },
            cancellationToken);

    public Task AddAsync(Friendship friendship, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                try
                {
                    return await connection.ExecuteAsync(
                        new CommandDefinition(InsertSql, FriendshipRow.From(friendship), transaction, cancellationToken: cancellationToken));
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    // The other side asked at the same moment: one pair, one row (ux_friendships_pair).
                    throw UserErrors.FriendshipChanged();
                }
            },
            cancellationToken);

    public async Task UpdateAsync(Friendship friendship, CancellationToken cancellationToken)
    {
        var updated = await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(UpdateSql, FriendshipRow.From(friendship), transaction, cancellationToken: cancellationToken)),
            cancellationToken);
        if (updated == 0)
        {
            throw UserErrors.FriendshipChanged();
        }
    }

    public async Task<bool> RemoveBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken) =>
        await session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(
                new CommandDefinition(DeleteBetweenSql, new { userId, otherUserId }, transaction, cancellationToken: cancellationToken)),
            cancellationToken) > 0;
}
