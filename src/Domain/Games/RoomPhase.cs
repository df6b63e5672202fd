namespace Transcendence.Domain.Games;

/// <summary>
/// Where a room is in its life. The wire names are the lowercase names (<c>waiting</c>, …).
/// A room only moves forward, except that un-readying during the countdown goes back to settings.
/// </summary>
public enum RoomPhase
{
    /// <summary>One player: a queue room waiting for an opponent, or an invitation not yet answered.</summary>
    Waiting,
    /// <summary>Two players; the host may change the settings; both must be ready.</summary>
    Settings,
    /// <summary>Both ready; play starts <see cref="Room.CountdownDuration"/> later.</summary>
    Countdown,
    /// <summary>The game runs (possibly paused while a player reconnects).</summary>
    Playing,
    /// <summary>The game ended with a winner; <see cref="Room.Result"/> holds the match.</summary>
    Finished,
    /// <summary>The room ended before play started; <see cref="Room.Closure"/> says why. No match is recorded.</summary>
    Closed,
}
