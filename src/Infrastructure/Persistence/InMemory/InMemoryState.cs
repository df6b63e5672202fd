using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Everything the in-memory store holds, as immutable maps. A transaction works on its own copy of this
/// value (copies are cheap: the maps share structure) and publishes it on commit, or drops it on rollback.
/// </summary>
public sealed partial record InMemoryState(UserTable Users)
{
    public static InMemoryState Empty { get; } = new(UserTable.Empty);
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
