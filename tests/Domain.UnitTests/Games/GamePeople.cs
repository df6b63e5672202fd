using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Games;

/// <summary>Users and moments the game tests share.</summary>
internal static class GamePeople
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static User NewUser(string name) => User.Register(name, DisplayName.Parse(name), T0);

    /// <summary>The user as a room keeps them.</summary>
    public static PlayerRef Ref(User user) => PlayerRef.Of(user);

    /// <summary>The blocks between <paramref name="user"/> and <paramref name="others"/> as they stand now.</summary>
    public static BlockState BlocksOf(User user, params User[] others) => BlockState.Between(user, others);
}
