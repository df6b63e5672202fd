using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A user as both stores hold it: plain values, so a stored row never shares state with an entity.</summary>
public sealed class UserRow
{
    public Guid Id { get; init; }

    public string Login { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null for a dev-login account.</summary>
    public string? Provider { get; init; }

    public string? ProviderUserId { get; init; }

    /// <summary>
    /// The users this one blocks, read alongside (the <c>blocks</c> rows, aggregated by the Postgres
    /// query). Blocks are written as their own rows, never through this property.
    /// </summary>
    public Guid[] BlockedIds { get; init; } = [];

    public static UserRow From(User user) => new()
    {
        Id = user.Id,
        Login = user.Login,
        DisplayName = user.DisplayName.Value,
        CreatedAt = user.CreatedAt,
        Provider = user.Provider,
        ProviderUserId = user.ProviderUserId,
    };

    public User ToUser() => User.Rehydrate(Id, Login, DisplayName, CreatedAt, BlockedIds, Provider, ProviderUserId);
}
