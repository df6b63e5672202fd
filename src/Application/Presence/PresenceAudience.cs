using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Presence;

/// <summary>
/// Friends watch a user's presence, except anyone the user blocks (<see cref="Domain.Users.User.ShowsPresenceTo"/>);
/// a user's connections belong in their channels' groups.
/// </summary>
public sealed class PresenceAudience(IFriendshipRepository friendships, IChannelRepository channels, IUserRepository users) : IPresenceAudience
{
    public async Task<IReadOnlyCollection<Guid>> WatchersOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var all = await friendships.ListOfAsync(userId, cancellationToken);
        var friends = all.Where(f => f.IsAccepted).Select(f => f.OtherThan(userId)).ToList();
        if (friends.Count == 0)
        {
            return friends;
        }

        // Blocking ends a friendship, but a friendship stored at the instant of the block could outlive it.
        var user = await users.FindByIdAsync(userId, cancellationToken);
        return user is null ? [] : [.. friends.Where(user.ShowsPresenceTo)];
    }

    public async Task<IReadOnlyCollection<Guid>> ChannelsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var mine = await channels.ListForMemberAsync(userId, cancellationToken);
        return [.. mine.Select(channel => channel.Id)];
    }
}
