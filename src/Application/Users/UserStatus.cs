namespace Transcendence.Application.Users;

/// <summary>The presence words clients see.</summary>
public static class UserStatus
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string InGame = "in-game";
}
