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
        // Counted before the channels are read: a join committed in between then reaches this connection
        // through the user's connections, and a join committed before is in the list; none falls between.
        var cameOnline = presence.Connected(command.UserId, command.ConnectionId);
        IReadOnlyCollection<Guid> channels;
        try
        {
            channels = await audience.ChannelsOfAsync(command.UserId, cancellationToken);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            presence.Disconnected(command.UserId, command.ConnectionId);
            throw;
        }

        if (channels.Count > 0)
        {
            notifier.JoinChannels(command.ConnectionId, channels);
        }

        if (cameOnline)
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
