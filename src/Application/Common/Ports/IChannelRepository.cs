using Transcendence.Domain.Channels;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Where channels are kept, each loaded and saved whole: members with roles and join times,
/// invitations, bans and mutes.
/// </summary>
public interface IChannelRepository
{
    /// <summary>
    /// The channel with that id, or null. Inside a unit of work the channel stays locked until the unit
    /// of work ends, so two commands on the same channel take turns instead of overwriting each other.
    /// </summary>
    Task<Channel?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The direct channel of the two users (in either order), or null.</summary>
    Task<Channel?> FindDirectAsync(Guid firstUserId, Guid secondUserId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new channel and returns the channel the store now holds: the one given, or, for a direct
    /// channel whose pair already has one (a concurrent request made it first), that existing channel.
    /// </summary>
    Task<Channel> AddAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary>Saves a changed channel whole; <c>channel.not_found</c> when it no longer exists.</summary>
    Task UpdateAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary>Deletes the channel with everything in it, its messages included; nothing when it does not exist.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The channels, direct ones included, that the user is a member of, oldest first.</summary>
    Task<IReadOnlyList<Channel>> ListForMemberAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Public and protected channels whose name contains <paramref name="text"/> (literally, any case),
    /// ordered by name; all of them when <paramref name="text"/> is empty.
    /// </summary>
    Task<IReadOnlyList<Channel>> SearchListedAsync(string text, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Channels holding a mute or a ban that has ended by <paramref name="now"/>, for the sweeper to
    /// tidy with <see cref="Channel.RemoveExpired"/>; oldest first.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListIdsWithEndedRestrictionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
