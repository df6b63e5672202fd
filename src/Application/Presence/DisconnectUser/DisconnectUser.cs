using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Common;

namespace Transcendence.Application.Presence.DisconnectUser;

/// <summary>
/// The user's last hub connection on this instance has closed (after SignalR and the hub's own clean-up), as
/// the hubs' connection registries decided: presence hears they left, and their friends hear when that takes
/// them offline.
/// </summary>
public sealed record DisconnectUser(Guid UserId) : ICommand, ILiveStateCommand;

public sealed class DisconnectUserHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<DisconnectUser>
{
    public async ValueTask<Unit> Handle(DisconnectUser command, CancellationToken cancellationToken)
    {
        if (await presence.LeftAsync(command.UserId, cancellationToken))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
