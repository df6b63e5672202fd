using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Presence;

/// <summary>Friends watch a user's presence; a user's connections belong in their channels' groups.</summary>
public sealed class PresenceAudience(IFriendshipRepository friendships, IChannelRepository channels) : IPresenceAudience
{
    public async Task<IReadOnlyCollection<Guid>> WatchersOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var all = await friendships.ListOfAsync(userId, cancellationToken);
        return [.. all.Where(f => f.IsAccepted).Select(f => f.OtherThan(userId))];
    }

    public async Task<IReadOnlyCollection<Guid>> ChannelsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var mine = await channels.ListForMemberAsync(userId, cancellationToken);
        return [.. mine.Select(channel => channel.Id)];
    }
}
