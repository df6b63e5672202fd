using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A friendship as both stores hold it; <see cref="State"/> is <c>pending</c> or <c>accepted</c>.</summary>
public sealed class FriendshipRow
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";

    public Guid RequesterId { get; init; }

    public Guid AddresseeId { get; init; }

    public string State { get; init; } = Pending;

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public static FriendshipRow From(Friendship friendship) => new()
    {
        RequesterId = friendship.RequesterId,
        AddresseeId = friendship.AddresseeId,
        State = friendship.IsAccepted ? Accepted : Pending,
        RequestedAt = friendship.RequestedAt,
        AcceptedAt = friendship.AcceptedAt,
    };

    public Friendship ToFriendship() => Friendship.Rehydrate(
        RequesterId,
        AddresseeId,
        State switch
        {
            Pending => FriendshipState.Pending,
            Accepted => FriendshipState.Accepted,
            _ => throw new InvalidOperationException($"a stored friendship has the unknown state '{State}'"),
        },
        RequestedAt,
        AcceptedAt);
}
