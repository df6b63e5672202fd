using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;

namespace Transcendence.Application.Channels.JoinChannelGroups;

/// <summary>
/// A chat-hub connection has opened (a new tab, or a reconnect: SignalR gives a new connection id and no
/// groups): it joins the group of every channel the user is in.
/// </summary>
public sealed record JoinChannelGroups(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed class JoinChannelGroupsHandler(IPresenceAudience audience, IRealtimeNotifier notifier) : ICommandHandler<JoinChannelGroups>
{
    public async ValueTask<Unit> Handle(JoinChannelGroups command, CancellationToken cancellationToken)
    {
        // The connection already counts for presence (since before its handshake), so a join committed
        // from now on reaches it through the user's connections, and one committed before is in this list;
        // none falls between.
        var channels = await audience.ChannelsOfAsync(command.UserId, cancellationToken);
        if (channels.Count > 0)
        {
            notifier.JoinChannels(command.ConnectionId, channels);
        }

        return Unit.Value;
    }
}
