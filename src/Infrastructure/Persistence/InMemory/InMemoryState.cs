using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Everything the in-memory store holds but the messages (<see cref="InMemoryMessageStore"/>), as immutable
/// maps. A transaction works on its own copy of this value (copies are cheap: the maps share structure) and
/// its changes are published on commit, or dropped on rollback.
/// </summary>
public sealed partial record InMemoryState(
    UserTable Users, BlockTable Blocks, FriendshipTable Friendships, AvatarTable Avatars, ChannelTable Channels)
{
    public static InMemoryState Empty { get; } =
        new(UserTable.Empty, BlockTable.Empty, FriendshipTable.Empty, AvatarTable.Empty, ChannelTable.Empty);
}

/// <summary>
/// Users by id, with the unique indexes the Postgres schema has: a dev-login account's login, a provider
/// account's (provider, login) while its provider id is unknown, (provider, provider id), lower(display_name).
/// </summary>
public sealed record UserTable(
    ImmutableDictionary<Guid, UserRow> ById,
    ImmutableDictionary<string, Guid> IdByDevLogin,
    ImmutableDictionary<(string Provider, string Login), Guid> IdByUnlinkedLogin,
    ImmutableDictionary<(string Provider, string ProviderUserId), Guid> IdByProviderUserId,
    ImmutableDictionary<string, Guid> IdByNormalizedName)
{
    public static UserTable Empty { get; } = new(
        ImmutableDictionary<Guid, UserRow>.Empty,
        ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<(string Provider, string Login), Guid>.Empty,
        ImmutableDictionary<(string Provider, string ProviderUserId), Guid>.Empty,
        ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The table without <paramref name="row"/>'s login and provider id keys.</summary>
    public UserTable WithoutIdentityKeys(UserRow row) => this with
    {
        IdByDevLogin = row.Provider is null ? IdByDevLogin.Remove(row.Login) : IdByDevLogin,
        IdByUnlinkedLogin = row.Provider is { } provider && row.ProviderUserId is null ? IdByUnlinkedLogin.Remove((provider, row.Login)) : IdByUnlinkedLogin,
        IdByProviderUserId = row is { Provider: { } p, ProviderUserId: { } id } ? IdByProviderUserId.Remove((p, id)) : IdByProviderUserId,
    };

    /// <summary>True when another user than <paramref name="row"/>'s holds one of its login or provider id keys.</summary>
    public bool IdentityKeyTakenByOther(UserRow row) =>
        (row.Provider is null ? IdByDevLogin.TryGetValue(row.Login, out var other)
            : row.ProviderUserId is null ? IdByUnlinkedLogin.TryGetValue((row.Provider, row.Login), out other)
            : IdByProviderUserId.TryGetValue((row.Provider, row.ProviderUserId), out other))
        && other != row.Id;

    /// <summary>The table with <paramref name="row"/>'s login or provider id key.</summary>
    public UserTable WithIdentityKeys(UserRow row) => row.Provider is null
        ? this with { IdByDevLogin = IdByDevLogin.SetItem(row.Login, row.Id) }
        : row.ProviderUserId is null
            ? this with { IdByUnlinkedLogin = IdByUnlinkedLogin.SetItem((row.Provider, row.Login), row.Id) }
            : this with { IdByProviderUserId = IdByProviderUserId.SetItem((row.Provider, row.ProviderUserId), row.Id) };
}

/// <summary>Channels by id, each with its rows, and the unique index on direct channels' pair keys.</summary>
public sealed record ChannelTable(
    ImmutableDictionary<Guid, ChannelRecord> ById,
    ImmutableDictionary<string, Guid> IdByDirectKey)
{
    public static ChannelTable Empty { get; } = new(
        ImmutableDictionary<Guid, ChannelRecord>.Empty,
        ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal));
}

/// <summary>
/// The <c>blocks</c> rows: blocker → (blocked → when), and the other way round, blocked → blockers (the
/// Postgres index on blocked_id: a chat send asks who blocks its sender). The key pair is the table's
/// primary key, so a block is held once however often it is made.
/// </summary>
public sealed record BlockTable(
    ImmutableDictionary<Guid, ImmutableDictionary<Guid, DateTimeOffset>> ByBlocker,
    ImmutableDictionary<Guid, ImmutableHashSet<Guid>> BlockersOf)
{
    public static BlockTable Empty { get; } = new(
        ImmutableDictionary<Guid, ImmutableDictionary<Guid, DateTimeOffset>>.Empty,
        ImmutableDictionary<Guid, ImmutableHashSet<Guid>>.Empty);

    public IEnumerable<Guid> BlockedBy(Guid blockerId) =>
        ByBlocker.TryGetValue(blockerId, out var blocked) ? blocked.Keys : [];
}

/// <summary>The <c>friendships</c> rows, keyed by the unordered pair (the unique index the Postgres schema has).</summary>
public sealed record FriendshipTable(ImmutableDictionary<(Guid, Guid), FriendshipRow> ByPair)
{
    public static FriendshipTable Empty { get; } = new(ImmutableDictionary<(Guid, Guid), FriendshipRow>.Empty);

    public static (Guid, Guid) PairOf(Guid userId, Guid otherUserId) =>
        userId.CompareTo(otherUserId) < 0 ? (userId, otherUserId) : (otherUserId, userId);
}

/// <summary>The <c>avatars</c> rows, by user id.</summary>
public sealed record AvatarTable(ImmutableDictionary<Guid, AvatarRow> ByUserId)
{
    public static AvatarTable Empty { get; } = new(ImmutableDictionary<Guid, AvatarRow>.Empty);
}
