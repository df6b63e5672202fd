using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>
/// Someone who logged in through the identity provider. The login is the provider's and never changes;
/// the display name is theirs to choose, within <see cref="Users.DisplayName"/>'s rules.
/// </summary>
public sealed class User
{
    public const int MaxLoginLength = 64;

    private readonly HashSet<Guid> _blocked;

    private User(Guid id, string login, DisplayName displayName, DateTimeOffset createdAt, IEnumerable<Guid> blocked)
    {
        Id = id;
        Login = login;
        DisplayName = displayName;
        CreatedAt = createdAt;
        _blocked = [.. blocked];
    }

    public Guid Id { get; }

    public string Login { get; }

    public DisplayName DisplayName { get; private set; }

    public DateTimeOffset CreatedAt { get; }

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

    public void Block(User other)
    {
        if (other.Id == Id)
        {
            throw new DomainException("validation", ErrorKind.Invalid, "you cannot block yourself");
        }

        _blocked.Add(other.Id);
    }

    public void Unblock(User other) => _blocked.Remove(other.Id);
}
