using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Where users are kept. Display names are unique without regard to case. A user is always read with the
/// set of users they block, and saving a user saves the blocks made or lifted since it was read.
/// </summary>
public interface IUserRepository
{
    Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The users among <paramref name="ids"/> that exist, ordered by display name (case-insensitive).</summary>
    Task<IReadOnlyList<User>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The dev-login account (no provider) with this login, or null.</summary>
    Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    /// <summary>The account of <paramref name="provider"/>'s person <paramref name="providerUserId"/>, or null.</summary>
    Task<User?> FindByProviderUserIdAsync(string provider, string providerUserId, CancellationToken cancellationToken);

    /// <summary>
    /// The account of <paramref name="provider"/> with this login whose provider id is not known yet (made
    /// before ids were kept), or null. At most one: such logins are unique per provider.
    /// </summary>
    Task<User?> FindUnlinkedByLoginAsync(string provider, string login, CancellationToken cancellationToken);

    Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Users whose login or display name contains <paramref name="text"/> (case-insensitive), ordered by
    /// display name; every user when <paramref name="text"/> is empty.
    /// </summary>
    Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new user; throws <c>user.name_taken</c> when the display name is taken, and
    /// <c>user.login_taken</c> when a concurrent login stored the same account first.
    /// </summary>
    Task AddAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a changed user (display name, login and provider id) and the blocks they made or lifted since
    /// they were read; throws <c>user.name_taken</c> when the display name is taken.
    /// </summary>
    Task UpdateAsync(User user, CancellationToken cancellationToken);
}
