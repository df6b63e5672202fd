using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Presence.ConnectUser;

/// <summary>
/// A hub connection opened (a new tab, or a reconnect: SignalR gives a new connection id and no groups).
/// It joins the groups of every channel the user is in, and the user's friends hear when they come online.
/// </summary>
public sealed record ConnectUser(Guid UserId, string ConnectionId) : ICommand;

public sealed class ConnectUserHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<ConnectUser>
{
    public async ValueTask<Unit> Handle(ConnectUser command, CancellationToken cancellationToken)
    {
        var channels = await audience.ChannelsOfAsync(command.UserId, cancellationToken);
        if (channels.Count > 0)
        {
            notifier.JoinChannels(command.ConnectionId, channels);
        }

        if (presence.Connected(command.UserId, command.ConnectionId))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
