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

    Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Users whose login or display name contains <paramref name="text"/> (case-insensitive), ordered by
    /// display name; every user when <paramref name="text"/> is empty.
    /// </summary>
    Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a new user; throws <c>user.name_taken</c> when the display name is taken.</summary>
    Task AddAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a changed user and the blocks they made or lifted since they were read; throws
    /// <c>user.name_taken</c> when the display name is taken.
    /// </summary>
    Task UpdateAsync(User user, CancellationToken cancellationToken);
}
