using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Presence.AnnouncePresence;

/// <summary>
/// Statuses that changed without a hub report on this instance (a dead instance counted out, what an outage
/// left wrong set right, <see cref="IPresenceUpkeep"/>): each user's friends hear their status now.
/// </summary>
public sealed record AnnouncePresence(IReadOnlyList<Guid> UserIds) : ICommand, ILiveStateCommand;

public sealed class AnnouncePresenceHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<AnnouncePresence>
{
    public async ValueTask<Unit> Handle(AnnouncePresence command, CancellationToken cancellationToken)
    {
        foreach (var userId in command.UserIds)
        {
            await PresenceNews.TellWatchersAsync(userId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
