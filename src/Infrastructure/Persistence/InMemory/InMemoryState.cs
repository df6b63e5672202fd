using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Everything the in-memory store holds, as immutable maps. A transaction works on its own copy of this
/// value (copies are cheap: the maps share structure) and publishes it on commit, or drops it on rollback.
/// </summary>
public sealed partial record InMemoryState(
    UserTable Users, BlockTable Blocks, FriendshipTable Friendships, AvatarTable Avatars, ChannelTable Channels, MessageTable Messages)
{
    public static InMemoryState Empty { get; } =
        new(UserTable.Empty, BlockTable.Empty, FriendshipTable.Empty, AvatarTable.Empty, ChannelTable.Empty, MessageTable.Empty);
}

/// <summary>Users by id, with the unique indexes the Postgres schema has (login, lower(display_name)).</summary>
public sealed record UserTable(
    ImmutableDictionary<Guid, UserRow> ById,
    ImmutableDictionary<string, Guid> IdByLogin,
    ImmutableDictionary<string, Guid> IdByNormalizedName)
{
    public static UserTable Empty { get; } = new(
        ImmutableDictionary<Guid, UserRow>.Empty,
        ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, Guid>.Empty.WithComparers(StringComparer.Ordinal));
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
/// Messages by id, the unique index on (sender, client message id), and each channel's messages in
/// history order (the Postgres index on (channel_id, sent_at, id)).
/// </summary>
public sealed record MessageTable(
    ImmutableDictionary<Guid, MessageRow> ById,
    ImmutableDictionary<(Guid SenderId, string ClientMessageId), Guid> IdBySenderAndClientId,
    ImmutableDictionary<Guid, ImmutableSortedSet<MessageRow>> ByChannel)
{
    public static MessageTable Empty { get; } = new(
        ImmutableDictionary<Guid, MessageRow>.Empty,
        ImmutableDictionary<(Guid SenderId, string ClientMessageId), Guid>.Empty,
        ImmutableDictionary<Guid, ImmutableSortedSet<MessageRow>>.Empty);
}

/// <summary>
/// The <c>blocks</c> rows: blocker → (blocked → when). The key pair is the table's primary key, so a
/// block is held once however often it is made.
/// </summary>
public sealed record BlockTable(ImmutableDictionary<Guid, ImmutableDictionary<Guid, DateTimeOffset>> ByBlocker)
{
    public static BlockTable Empty { get; } = new(ImmutableDictionary<Guid, ImmutableDictionary<Guid, DateTimeOffset>>.Empty);

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
