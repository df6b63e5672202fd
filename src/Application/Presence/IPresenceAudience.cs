namespace Transcendence.Application.Presence;

/// <summary>Who hears about a user's presence (their friends) and which chat groups a connection belongs in.</summary>
public interface IPresenceAudience
{
    Task<IReadOnlyCollection<Guid>> WatchersOfAsync(Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyCollection<Guid>> ChannelsOfAsync(Guid userId, CancellationToken cancellationToken);
}
