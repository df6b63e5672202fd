using System.ComponentModel.DataAnnotations;

namespace Transcendence.Application.GameServer;

/// <summary>The <c>Game</c> configuration section (README, Configuration).</summary>
public sealed class GameOptions
{
    public const string Section = "Game";

    /// <summary>How long a waiting room (queue or invitation) stays open before <c>QueueTimedOut</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Game:QueueTimeout must be longer than zero")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a player whose connection was lost keeps the seat while playing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Game:ReconnectGrace must not be negative")]
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every game connection is sent <c>Ping</c>; one unanswered by the next is lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Game:HeartbeatInterval must be longer than zero")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How many hub calls the game server handles between two looks at its schedule: a flood of calls delays a
    /// due tick by at most this many (each a few microseconds), and the rest waits for the next turn.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Game:InboxBudget must be between 1 and 1000000")]
    public int InboxBudget { get; set; } = 256;
}
