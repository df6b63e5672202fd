using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels.OpenDirectChannel;

/// <summary>The direct-message channel with another user: the existing one, or a new one (never across a block).</summary>
public sealed record OpenDirectChannel(Guid UserId, Guid PeerId) : ICommand<ChannelSummary>;

public sealed class OpenDirectChannelHandler(IUserRepository users, IChannelRepository channels, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<OpenDirectChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(OpenDirectChannel command, CancellationToken cancellationToken)
    {
        var me = await users.GetAsync(command.UserId, cancellationToken);
        var peer = await users.GetAsync(command.PeerId, cancellationToken);
        // An existing direct channel is refused across a block too, not only a new one.
        Channel.EnsureNoBlockBetween(me, peer);

        var channel = await channels.FindDirectAsync(me.Id, peer.Id, cancellationToken)
            ?? await channels.AddAsync(Channel.OpenDirect(me, peer, clock.GetUtcNow()), cancellationToken);
        notifier.JoinChannel(me.Id, channel.Id);
        notifier.JoinChannel(peer.Id, channel.Id);
        return ChannelSummary.Of(channel, me.Id);
    }
}
