using Transcendence.Domain.Users;

namespace Transcendence.Domain.Games;

/// <summary>
/// The blocks between one user (<see cref="UserId"/>) and others, as the store holds them now: loaded
/// for a single command and passed to the <see cref="Room"/>, which decides. A block counts either way
/// (either one blocks the other). Loaded with everyone (<see cref="WithEveryone"/>: the user's own blocks
/// and who blocks them), it knows every user; loaded for some users (<see cref="Between"/>), it knows only
/// those: asking about anyone else is the caller's mistake (<see cref="Across"/> throws), except for
/// <see cref="AllowsWith"/>, which answers no, so a room that appeared after the load is simply passed over.
/// </summary>
public sealed class BlockState
{
    // Null: every user is known (a user missing from _across is on no block list either way).
    private readonly HashSet<Guid>? _known;
    private readonly HashSet<Guid> _across;

    private BlockState(Guid userId, HashSet<Guid>? known, HashSet<Guid> across)
    {
        UserId = userId;
        _known = known;
        _across = across;
    }

    /// <summary>The user whose blocks these are: the one acting.</summary>
    public Guid UserId { get; }

    /// <summary>The blocks between <paramref name="user"/> and each of <paramref name="others"/>, from both sides' blocked sets.</summary>
    public static BlockState Between(User user, IEnumerable<User> others)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(others);
        var known = new HashSet<Guid>();
        var across = new HashSet<Guid>();
        foreach (var other in others)
        {
            known.Add(other.Id);
            if (user.Blocks(other) || other.Blocks(user))
            {
                across.Add(other.Id);
            }
        }

        return new BlockState(user.Id, known, across);
    }

    /// <summary>
    /// The blocks between <paramref name="user"/> and everyone: those they block (loaded with them) and
    /// <paramref name="blockerIds"/>, those who block them.
    /// </summary>
    public static BlockState WithEveryone(User user, IEnumerable<Guid> blockerIds)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(blockerIds);
        return new BlockState(user.Id, null, [.. user.BlockedUserIds, .. blockerIds]);
    }

    /// <summary>
    /// The blocks between <paramref name="userId"/> and each of <paramref name="others"/>, when the store
    /// already answered which of them stand across a block (<paramref name="across"/>, a subset).
    /// </summary>
    public static BlockState Of(Guid userId, IEnumerable<Guid> others, IEnumerable<Guid> across)
    {
        var known = others.ToHashSet();
        var blocked = across.ToHashSet();
        if (!blocked.IsSubsetOf(known))
        {
            throw new ArgumentException("every blocked user must be among the users checked", nameof(across));
        }

        return new BlockState(userId, known, blocked);
    }

    /// <summary>
    /// The blocks between <paramref name="userId"/> and everyone, as another instance loaded them: the users across a
    /// block with them either way (<see cref="AcrossEveryone"/> there).
    /// </summary>
    public static BlockState WithEveryone(Guid userId, IEnumerable<Guid> across)
    {
        ArgumentNullException.ThrowIfNull(across);
        return new BlockState(userId, null, [.. across]);
    }

    /// <summary>
    /// Everyone across a block with the user, either way, for blocks loaded with everyone (to carry them to the
    /// instance that runs a room, or to skip those players in the queue).
    /// </summary>
    /// <exception cref="InvalidOperationException">The blocks were loaded for some users only.</exception>
    public IReadOnlyCollection<Guid> AcrossEveryone =>
        _known is null ? _across : throw new InvalidOperationException($"the blocks of {UserId} were loaded for some users only");

    /// <summary>Whether a block stands between the user and <paramref name="otherId"/>, either way.</summary>
    /// <exception cref="InvalidOperationException">The blocks were not loaded for <paramref name="otherId"/>.</exception>
    public bool Across(Guid otherId) =>
        Knows(otherId)
            ? _across.Contains(otherId)
            : throw new InvalidOperationException($"the blocks between {UserId} and {otherId} were not loaded");

    /// <summary>Whether the blocks were loaded for <paramref name="otherId"/> and none stands between the two.</summary>
    public bool AllowsWith(Guid otherId) => Knows(otherId) && !_across.Contains(otherId);

    private bool Knows(Guid otherId) => _known is null || _known.Contains(otherId);

    /// <summary>Refuses blocks loaded for someone other than <paramref name="userId"/>: a caller's mistake.</summary>
    internal BlockState For(Guid userId) =>
        userId == UserId ? this : throw new ArgumentException($"these are the blocks of {UserId}, not of {userId}");
}
