namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Who is here: a user is online while some instance holds a hub connection of theirs, in-game while the
/// game says so, offline otherwise. It counts no connections: which connections a user holds is the hubs'
/// connection registries' to say (Web), and they report only a user's first arrival on this instance (either
/// hub) and their last departure from it. The in-process tracker is this one instance; a shared one (Redis)
/// keeps the same reports per instance, so a user is online while any live instance has them, and an
/// instance that dies is counted out when its lease runs out.
/// </summary>
/// <remarks>
/// Reports for one user reach the tracker in the order their commands run, not always in the order the
/// registries decided them (a tab closing just as another opens: the departure and the arrival race), so a
/// tracker keeps arrivals minus departures per instance (0 or 1, for a moment 2), which any order adds up to.
/// </remarks>
public interface IPresenceTracker : IPresenceLookup
{
    /// <summary>The user's first connection on this instance opened; true when it made their status change.</summary>
    ValueTask<bool> ArrivedAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The user's last connection on this instance closed; true when it made their status change.</summary>
    ValueTask<bool> LeftAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Marks the user as playing or not; true when it made their status change.</summary>
    ValueTask<bool> SetInGameAsync(Guid userId, bool inGame, CancellationToken cancellationToken);
}
