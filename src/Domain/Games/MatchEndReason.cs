namespace Transcendence.Domain.Games;

/// <summary>How a played game ended. Wire names: <c>score</c>, <c>forfeit</c>, <c>disconnected</c>.</summary>
public enum MatchEndReason
{
    /// <summary>A player reached the winning score.</summary>
    Score,
    /// <summary>The other player left the room while playing.</summary>
    Forfeit,
    /// <summary>The other player's connection was lost and not back within the grace period.</summary>
    Disconnected,
}
