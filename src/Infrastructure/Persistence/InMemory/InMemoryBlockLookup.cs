using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryBlockLookup(InMemorySession session) : IBlockLookup
{
    public Task<IReadOnlySet<Guid>> BlockersOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(StoreKey.All(StoreTable.Blocks));
        IReadOnlySet<Guid> blockers = session.State.Blocks.ByBlocker
            .Where(entry => entry.Value.ContainsKey(userId))
            .Select(entry => entry.Key)
            .ToHashSet();
        return Task.FromResult(blockers);
    }
}
