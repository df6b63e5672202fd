namespace Transcendence.Application.Games;

/// <summary>The <c>Game</c> configuration section (README, Configuration).</summary>
public sealed class GameOptions
{
    public const string Section = "Game";

    /// <summary>How long a waiting room (queue or invitation) stays open before <c>QueueTimedOut</c>.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a player whose connection was lost keeps the seat while playing.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every game connection is sent <c>Ping</c>; one unanswered by the next is lost.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);
}
