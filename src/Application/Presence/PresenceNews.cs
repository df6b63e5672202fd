using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Presence;

internal static class PresenceNews
{
    /// <summary>Queues <c>PresenceChanged</c> with the user's current status to everyone who watches them.</summary>
    public static async Task TellWatchersAsync(
        Guid userId, IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier, CancellationToken cancellationToken)
    {
        var watchers = await audience.WatchersOfAsync(userId, cancellationToken);
        notifier.ToUsers(watchers, PresenceChanged.EventName, new PresenceChanged(userId, presence.StatusOf(userId)));
    }
}
