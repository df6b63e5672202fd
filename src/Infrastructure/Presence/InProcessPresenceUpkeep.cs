using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Presence;

/// <summary>One instance: its presence is its own memory, nothing to renew and no other instance to count out.</summary>
public sealed class InProcessPresenceUpkeep : IPresenceUpkeep
{
    public TimeSpan? Beat => null;

    public Task<IReadOnlyList<Guid>> RenewAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Guid>>([]);
}
