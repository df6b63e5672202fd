using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>
/// Someone who logged in through the identity provider. The login is the provider's and never changes;
/// the display name is theirs to choose, within <see cref="Users.DisplayName"/>'s rules. A user carries
/// the set of users they block: the store loads it with them and saves what changed.
/// </summary>
public sealed class User
{
    public const int MaxLoginLength = 64;

    private readonly HashSet<Guid> _blocked;

    // The blocks as the store last held them: saving writes only the difference, so two requests that
    // block different users at the same time do not undo each other.
    private HashSet<Guid> _savedBlocked;

    private User(Guid id, string login, DisplayName displayName, DateTimeOffset createdAt, IEnumerable<Guid> blocked)
    {
        Id = id;
        Login = login;
        DisplayName = displayName;
        CreatedAt = createdAt;
        _blocked = [.. blocked];
        _savedBlocked = [.. _blocked];
    }

    public Guid Id { get; }

    public string Login { get; }

    public DisplayName DisplayName { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The ids of the users this user blocks.</summary>
    public IReadOnlyCollection<Guid> BlockedUserIds => _blocked;

    /// <summary>A first login: a new user with a fresh UUID v7 id.</summary>
    public static User Register(string login, DisplayName displayName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(login) || login.Length > MaxLoginLength || login.Any(char.IsControl))
        {
            throw UserErrors.InvalidLogin($"a login has 1 to {MaxLoginLength} printable characters");
        }

        return new User(UuidV7.NewId(now), login, displayName, Instant.Normalize(now), []);
    }

    /// <summary>Rebuilds a user the store already holds; no rule is re-run and no id is made.</summary>
    public static User Rehydrate(
        Guid id, string login, string displayName, DateTimeOffset createdAt, IEnumerable<Guid>? blockedUserIds = null) =>
        new(id, login, DisplayName.Parse(displayName), Instant.Normalize(createdAt), blockedUserIds ?? []);

    /// <summary>Takes a new display name. Whether it is free is the store's to say (unique index).</summary>
    public void Rename(DisplayName displayName) => DisplayName = displayName;

    /// <summary>True when this user blocks <paramref name="other"/>.</summary>
    public bool Blocks(User other) => _blocked.Contains(other.Id);

    /// <summary>True when <paramref name="other"/> blocks this user.</summary>
    public bool IsBlockedBy(User other) => other.Blocks(this);

    /// <summary>
    /// Whether the user with id <paramref name="viewerId"/> may see this user's live status: not when this
    /// user blocks them (to them, this user is always offline). By id, because lists ask it per viewer.
    /// </summary>
    public bool ShowsPresenceTo(Guid viewerId) => !_blocked.Contains(viewerId);

    /// <summary>
    /// Blocks <paramref name="other"/>; blocking someone already blocked changes nothing. Whatever
    /// friendship the two had is the caller's to end (<see cref="Friendship"/> refuses to start one
    /// across a block).
    /// </summary>
    public void Block(User other)
    {
        if (other.Id == Id)
        {
            throw UserErrors.CannotBlockSelf();
        }

        _blocked.Add(other.Id);
    }

    /// <summary>Lifts a block; lifting one that does not exist changes nothing.</summary>
    public void Unblock(User other) => _blocked.Remove(other.Id);

    /// <summary>What the store must write: blocks made and lifted since the user was loaded or last saved.</summary>
    public BlockChanges PendingBlockChanges() =>
        new([.. _blocked.Except(_savedBlocked)], [.. _savedBlocked.Except(_blocked)]);

    /// <summary>The store wrote <see cref="PendingBlockChanges"/>; nothing is pending any more.</summary>
    public void BlockChangesSaved() => _savedBlocked = [.. _blocked];
}

/// <summary>Blocks a user made (<see cref="Added"/>) and lifted (<see cref="Lifted"/>) since they were last saved.</summary>
public sealed record BlockChanges(IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Lifted)
{
    public bool IsEmpty => Added.Count == 0 && Lifted.Count == 0;
}
