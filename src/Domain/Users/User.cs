using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>
/// Someone who logged in through the identity provider. The login is the provider's and never changes;
/// the display name is theirs to choose, within <see cref="Users.DisplayName"/>'s rules.
/// </summary>
public sealed class User
{
    public const int MaxLoginLength = 64;

    private readonly HashSet<Guid> _blocked = [];

    private User(Guid id, string login, DisplayName displayName, DateTimeOffset createdAt)
    {
        Id = id;
        Login = login;
        DisplayName = displayName;
        CreatedAt = createdAt;
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

        return new User(UuidV7.NewId(now), login, displayName, Instant.Normalize(now));
    }

    /// <summary>Rebuilds a user the store already holds; no rule is re-run and no id is made.</summary>
    public static User Rehydrate(Guid id, string login, string displayName, DateTimeOffset createdAt) =>
        new(id, login, DisplayName.Parse(displayName), Instant.Normalize(createdAt));

    /// <summary>Takes a new display name. Whether it is free is the store's to say (unique index).</summary>
    public void Rename(DisplayName displayName) => DisplayName = displayName;

    /// <summary>Stops seeing <paramref name="other"/>: no games, DMs or signals between the two.</summary>
    public void Block(User other)
    {
        if (other.Id == Id)
        {
            throw new DomainException("validation", ErrorKind.Invalid, "you cannot block yourself");
        }

        _blocked.Add(other.Id);
    }

    public void Unblock(User other) => _blocked.Remove(other.Id);

    public bool Blocks(User other) => _blocked.Contains(other.Id);

    public bool IsBlockedBy(User other) => other.Blocks(this);
}
