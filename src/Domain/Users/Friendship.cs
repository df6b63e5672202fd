using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>Where a friendship stands: asked for and waiting for the other's answer, or agreed.</summary>
public enum FriendshipState
{
    Pending,
    Accepted,
}

/// <summary>
/// Two users' friendship: at most one between any two, whoever asked first. It starts as a request from
/// <see cref="RequesterId"/> to <see cref="AddresseeId"/> and becomes mutual when the addressee accepts.
/// Ending it (unfriend, cancel, decline) removes it whatever its state.
/// </summary>
public sealed class Friendship
{
    private Friendship(Guid requesterId, Guid addresseeId, FriendshipState state, DateTimeOffset requestedAt, DateTimeOffset? acceptedAt)
    {
        RequesterId = requesterId;
        AddresseeId = addresseeId;
        State = state;
        RequestedAt = requestedAt;
        AcceptedAt = acceptedAt;
    }

    public Guid RequesterId { get; }

    public Guid AddresseeId { get; }

    public FriendshipState State { get; private set; }

    public DateTimeOffset RequestedAt { get; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public bool IsAccepted => State == FriendshipState.Accepted;

    /// <summary>
    /// <paramref name="caller"/> wants to be friends with <paramref name="other"/>, whose friendship with
    /// them is <paramref name="existing"/> (null when there is none). With none, it makes a request; with
    /// the other's pending request, it accepts it; when the caller already asked, or the two are already
    /// friends, nothing changes (asking again is harmless). Refused for oneself (<c>validation</c>) and
    /// whenever either blocks the other (<c>user.blocked</c>).
    /// </summary>
    public static Friendship Befriend(User caller, User other, Friendship? existing, DateTimeOffset now)
    {
        if (caller.Id == other.Id)
        {
            throw UserErrors.CannotBefriendSelf();
        }

        if (caller.Blocks(other) || caller.IsBlockedBy(other))
        {
            throw UserErrors.Blocked();
        }

        if (existing is null)
        {
            return new Friendship(caller.Id, other.Id, FriendshipState.Pending, Instant.Normalize(now), null);
        }

        if (!existing.Involves(caller.Id) || !existing.Involves(other.Id))
        {
            throw new ArgumentException("the friendship given is not the one between these two users", nameof(existing));
        }

        if (existing.State == FriendshipState.Pending && existing.AddresseeId == caller.Id)
        {
            existing.State = FriendshipState.Accepted;
            existing.AcceptedAt = Instant.Normalize(now);
        }

        return existing;
    }

    /// <summary>Rebuilds a friendship the store already holds; no rule is re-run.</summary>
    public static Friendship Rehydrate(
        Guid requesterId, Guid addresseeId, FriendshipState state, DateTimeOffset requestedAt, DateTimeOffset? acceptedAt) =>
        new(requesterId, addresseeId, state, Instant.Normalize(requestedAt), acceptedAt is null ? null : Instant.Normalize(acceptedAt.Value));

    public bool Involves(Guid userId) => userId == RequesterId || userId == AddresseeId;

    /// <summary>The other side of the friendship, seen from <paramref name="userId"/>.</summary>
    public Guid OtherThan(Guid userId) =>
        userId == RequesterId ? AddresseeId
        : userId == AddresseeId ? RequesterId
        : throw new ArgumentException("the user is not part of this friendship", nameof(userId));
}
