namespace Transcendence.Domain.Games;

/// <summary>Why a room closed before play. Wire names in snake case (<c>timed_out</c>, …).</summary>
public enum ClosedReason
{
    /// <summary>Nobody joined or answered in time.</summary>
    TimedOut,
    /// <summary>A player left (the queue, or the settings room or countdown).</summary>
    Left,
    /// <summary>A player's connection was lost before play.</summary>
    Disconnected,
    /// <summary>The invited user declined.</summary>
    Declined,
    /// <summary>The host withdrew the invitation.</summary>
    Canceled,
}
