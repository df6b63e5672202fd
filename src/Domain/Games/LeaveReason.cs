namespace Transcendence.Domain.Games;

/// <summary>How a player went: <c>left</c> (they asked) or <c>disconnected</c> (their connection was lost).</summary>
public enum LeaveReason
{
    Left,
    Disconnected,
}
