using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games;

internal static class GameNews
{
    /// <summary>Posts what a lobby change must make happen, once the command has committed (nothing if it fails).</summary>
    public static void Post(this IRealtimeNotifier notifier, GameOutbox outbox, IReadOnlyList<GameEffect> effects) =>
        notifier.Defer(_ =>
        {
            outbox.Post(effects);
            return Task.CompletedTask;
        });
}
