using Transcendence.Application.Users;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Friends;

/// <summary>
/// A friendship seen from one side: <see cref="State"/> is the list of <c>GET /api/users/me/friends</c>
/// the other user now sits in (<c>friends</c>, <c>incoming</c> or <c>outgoing</c>).
/// </summary>
public sealed record FriendshipView(string State, UserSummary User)
{
    public const string Friends = "friends";
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";

    public static string StateOf(Friendship friendship, Guid viewerId) =>
        friendship.IsAccepted ? Friends
        : friendship.RequesterId == viewerId ? Outgoing
        : Incoming;
}
