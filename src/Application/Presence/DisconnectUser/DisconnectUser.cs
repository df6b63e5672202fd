using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Common;

namespace Transcendence.Application.Presence.DisconnectUser;

/// <summary>A hub connection has closed (after the hub's own clean-up); when it was the user's last, their friends hear they went offline.</summary>
public sealed record DisconnectUser(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed class DisconnectUserHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<DisconnectUser>
{
    public async ValueTask<Unit> Handle(DisconnectUser command, CancellationToken cancellationToken)
    {
        if (presence.Disconnected(command.UserId, command.ConnectionId))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
