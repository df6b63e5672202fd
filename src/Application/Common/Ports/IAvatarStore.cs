using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where uploaded avatars are kept, one per user at most.</summary>
public interface IAvatarStore
{
    /// <summary>The avatar <paramref name="userId"/> uploaded, or null when they have none.</summary>
    Task<Avatar?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores the avatar, replacing the user's previous one.</summary>
    Task SaveAsync(Avatar avatar, CancellationToken cancellationToken);

    /// <summary>Forgets the user's avatar; false when they had none.</summary>
    Task<bool> RemoveAsync(Guid userId, CancellationToken cancellationToken);
}
