using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>
/// Someone who logged in, through the identity provider or dev-login. A provider account is known by the
/// provider's immutable id for the person (<see cref="Provider"/>, <see cref="ProviderUserId"/>): the
/// login is the provider's current one, followed when the provider renames it. A dev-login account has
/// no provider and is known by its login alone. The display name is theirs to choose, within
/// <see cref="Users.DisplayName"/>'s rules. A user carries the set of users they block: the store loads
/// it with them and saves what changed.
/// </summary>
public sealed class User
{
    public const int MaxLoginLength = 64;

    public const int MaxProviderUserIdLength = 128;

    private readonly HashSet<Guid> _blocked;

    // The blocks as the store last held them: saving writes only the difference, so two requests that
    // block different users at the same time do not undo each other.
    private HashSet<Guid> _savedBlocked;

    private User(
        Guid id, string login, DisplayName displayName, DateTimeOffset createdAt, IEnumerable<Guid> blocked, string? provider, string? providerUserId)
    {
        Id = id;
        Provider = provider;
        ProviderUserId = providerUserId;
        Login = login;
        DisplayName = displayName;
        CreatedAt = createdAt;
        _blocked = [.. blocked];
        _savedBlocked = [.. _blocked];
    }

    public Guid Id { get; }

    public string Login { get; private set; }

    /// <summary>The identity provider this account belongs to; null for a dev-login account.</summary>
    public string? Provider { get; }

    /// <summary>
    /// The provider's immutable id for this person; null for a dev-login account, and for a provider
    /// account made before ids were kept, until its next login links it.
    /// </summary>
    public string? ProviderUserId { get; private set; }

    public DisplayName DisplayName { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The ids of the users this user blocks.</summary>
    public IReadOnlyCollection<Guid> BlockedUserIds => _blocked;

    /// <summary>A first dev-login: a new account without a provider, with a fresh UUID v7 id.</summary>
    public static User Register(string login, DisplayName displayName, DateTimeOffset now) =>
        new(UuidV7.NewId(now), ValidLogin(login), displayName, Instant.Normalize(now), [], null, null);

    /// <summary>A first login through a provider: a new account known by the provider's id for the person.</summary>
    public static User RegisterExternal(string provider, string providerUserId, string login, DisplayName displayName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        return new(UuidV7.NewId(now), ValidLogin(login), displayName, Instant.Normalize(now), [], provider, ValidProviderUserId(providerUserId));
    }

    /// <summary>Rebuilds a user the store already holds; no rule is re-run and no id is made.</summary>
    public static User Rehydrate(
        Guid id,
        string login,
        string displayName,
        DateTimeOffset createdAt,
        IEnumerable<Guid>? blockedUserIds = null,
        string? provider = null,
        string? providerUserId = null) =>
        new(id, login, DisplayName.Parse(displayName), Instant.Normalize(createdAt), blockedUserIds ?? [], provider, providerUserId);

    /// <summary>
    /// The provider vouched for this person under <paramref name="providerUserId"/> and
    /// <paramref name="login"/>: a provider account made before ids were kept is linked to that id (once),
    /// and a linked account follows the provider's current login. Refuses a dev-login account and an
    /// account linked to another id: those are other people.
    /// </summary>
    public void ConfirmExternal(string provider, string providerUserId, string login)
    {
        if (Provider != provider || (ProviderUserId is not null && ProviderUserId != providerUserId))
        {
            throw new InvalidOperationException($"the user {Id} is not the account of {provider} id {providerUserId}");
        }

        ProviderUserId = ValidProviderUserId(providerUserId);
        Login = ValidLogin(login);
    }

    private static string ValidLogin(string login) =>
        string.IsNullOrWhiteSpace(login) || login.Length > MaxLoginLength || login.Any(char.IsControl)
            ? throw UserErrors.InvalidLogin($"a login has 1 to {MaxLoginLength} printable characters")
            : login;

    private static string ValidProviderUserId(string providerUserId) =>
        string.IsNullOrWhiteSpace(providerUserId) || providerUserId.Length > MaxProviderUserIdLength || providerUserId.Any(char.IsControl)
            ? throw UserErrors.InvalidLogin($"a provider's user id has 1 to {MaxProviderUserIdLength} printable characters")
            : providerUserId;

    /// <summary>Takes a new display name. Whether it is free is the store's to say (unique index).</summary>
    public void Rename(DisplayName displayName) => DisplayName = displayName;

    /// <summary>True when this user blocks <paramref name="other"/>.</summary>
    public bool Blocks(User other) => _blocked.Contains(other.Id);

    /// <summary>True when <paramref name="other"/> blocks this user.</summary>
    public bool IsBlockedBy(User other) => other.Blocks(this);

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
