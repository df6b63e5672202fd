using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>The auth slice's tables; every state starts with them empty.</summary>
public sealed partial record InMemoryState
{
    public RefreshTokenTable RefreshTokens { get; init; } = RefreshTokenTable.Empty;

    public ImmutableDictionary<Guid, TwoFactorRow> TwoFactors { get; init; } = ImmutableDictionary<Guid, TwoFactorRow>.Empty;

    public ImmutableDictionary<string, LoginTicketRow> LoginTickets { get; init; } =
        ImmutableDictionary<string, LoginTicketRow>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>Logins by id and their tokens by hash (the Postgres primary keys).</summary>
public sealed record RefreshTokenTable(
    ImmutableDictionary<Guid, RefreshTokenFamilyRow> Families,
    ImmutableDictionary<string, RefreshTokenRow> TokensByHash)
{
    public static RefreshTokenTable Empty { get; } = new(
        ImmutableDictionary<Guid, RefreshTokenFamilyRow>.Empty,
        ImmutableDictionary<string, RefreshTokenRow>.Empty.WithComparers(StringComparer.Ordinal));
}
