namespace Transcendence.Application.Common.Ports;

/// <summary>The reverse side of blocks: who blocks a user (a user's own blocks come with the user).</summary>
public interface IBlockLookup
{
    /// <summary>The ids of the users who block <paramref name="userId"/>.</summary>
    Task<IReadOnlySet<Guid>> BlockersOfAsync(Guid userId, CancellationToken cancellationToken);
}
