using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Friends.Befriend;

/// <summary>
/// The caller asks <see cref="UserId"/> to be friends, or accepts that user's pending request. Asking
/// again while the request waits, or once friends, changes nothing and answers the same.
/// </summary>
public sealed record Befriend(Guid CallerId, Guid UserId) : ICommand<FriendshipView>;

public sealed class BefriendHandler(
    IUserRepository users,
    IFriendshipRepository friendships,
    IPresenceLookup presence,
    IRealtimeNotifier notifier,
    TimeProvider clock) : ICommandHandler<Befriend, FriendshipView>
{
    public async ValueTask<FriendshipView> Handle(Befriend command, CancellationToken cancellationToken)
    {
        var caller = await users.GetAsync(command.CallerId, cancellationToken);
        var other = await users.GetAsync(command.UserId, cancellationToken);
        var existing = await friendships.FindBetweenAsync(caller.Id, other.Id, cancellationToken);
        var stateBefore = existing?.State;

        var friendship = Friendship.Befriend(caller, other, existing, clock.GetUtcNow());

        if (existing is null)
        {
            await friendships.AddAsync(friendship, cancellationToken);
            notifier.ToUser(other.Id, ChatEvents.Notice, new NoticeEvent(
                "friend_request", null, caller.Id, other.Id, null, $"{caller.DisplayName} wants to be your friend"));
        }
        else if (friendship.State != stateBefore)
        {
            await friendships.UpdateAsync(friendship, cancellationToken);
            if (friendship.IsAccepted)
            {
                notifier.ToUser(other.Id, ChatEvents.Notice, new NoticeEvent(
                    "friend_accepted", null, caller.Id, other.Id, null, $"{caller.DisplayName} accepted your friend request"));
            }
        }

        return new FriendshipView(FriendshipView.StateOf(friendship, caller.Id), UserSummary.Of(other, presence, caller.Id));
    }
}
