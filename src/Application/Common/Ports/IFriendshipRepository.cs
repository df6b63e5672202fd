using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where friendships and friend requests are kept: at most one between any two users, either way round.</summary>
public interface IFriendshipRepository
{
    /// <summary>
    /// The friendship between the two users, whichever of them asked, or null. Inside a unit of work the pair
    /// stays held until it ends: another unit of work asking about the same two users waits, then sees what
    /// this one stored.
    /// </summary>
    Task<Friendship?> FindBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken);

    /// <summary>Every friendship and pending request <paramref name="userId"/> is part of, either side.</summary>
    Task<IReadOnlyList<Friendship>> ListOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores a new friendship; throws <c>user.friendship_changed</c> when the two already have one.</summary>
    Task AddAsync(Friendship friendship, CancellationToken cancellationToken);

    /// <summary>Saves a changed friendship; throws <c>user.friendship_changed</c> when it is no longer stored.</summary>
    Task UpdateAsync(Friendship friendship, CancellationToken cancellationToken);

    /// <summary>Removes the friendship between the two users, whatever its state; false when there was none.</summary>
    Task<bool> RemoveBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken);
}
