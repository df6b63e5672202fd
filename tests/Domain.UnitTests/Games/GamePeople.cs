using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Games;

/// <summary>Users and moments the game tests share.</summary>
internal static class GamePeople
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static User NewUser(string name) => User.Register(name, DisplayName.Parse(name), T0);
}
