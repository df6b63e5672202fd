namespace Transcendence.Application.Presence;

/// <summary>Friends watch a user's presence; a user's connections belong in their channels' groups.</summary>
public sealed class PresenceAudience : IPresenceAudience
{
    public Task<IReadOnlyCollection<Guid>> WatchersOfAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<Guid>>([]);

    public Task<IReadOnlyCollection<Guid>> ChannelsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<Guid>>([]);
}
