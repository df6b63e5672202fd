using System.Collections.Immutable;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryBlockLookup(InMemorySession session) : IBlockLookup
{
    public Task<IReadOnlySet<Guid>> BlockersOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(StoreKey.Of(StoreTable.BlockersOf, userId));
        IReadOnlySet<Guid> blockers = session.State.Blocks.BlockersOf.TryGetValue(userId, out var found) ? found : ImmutableHashSet<Guid>.Empty;
        return Task.FromResult(blockers);
    }
}
