using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Friends.GetFriends;

/// <summary>The caller's friends, the requests waiting for their answer and those they sent.</summary>
public sealed record GetFriends(Guid CallerId) : IQuery<FriendList>;

/// <summary>Each list is ordered by display name (case-insensitive).</summary>
public sealed record FriendList(
    IReadOnlyList<UserSummary> Friends,
    IReadOnlyList<UserSummary> Incoming,
    IReadOnlyList<UserSummary> Outgoing);

public sealed class GetFriendsHandler(IUserRepository users, IFriendshipRepository friendships, IPresenceLookup presence)
    : IQueryHandler<GetFriends, FriendList>
{
    public async ValueTask<FriendList> Handle(GetFriends query, CancellationToken cancellationToken)
    {
        var caller = await users.GetAsync(query.CallerId, cancellationToken);
        var stateByUser = (await friendships.ListOfAsync(caller.Id, cancellationToken))
            .ToDictionary(f => f.OtherThan(caller.Id), f => FriendshipView.StateOf(f, caller.Id));
        // Blocking ends friendships, but a request sent at the very moment of the block could outlive it:
        // nobody across a block is ever listed.
        var others = (await users.FindByIdsAsync(stateByUser.Keys, cancellationToken))
            .Where(other => !caller.Blocks(other) && !caller.IsBlockedBy(other))
            .ToList();

        List<UserSummary> In(string state) =>
            [.. others.Where(u => stateByUser[u.Id] == state).Select(u => UserSummary.Of(u, presence, caller.Id))];

        return new FriendList(In(FriendshipView.Friends), In(FriendshipView.Incoming), In(FriendshipView.Outgoing));
    }
}
