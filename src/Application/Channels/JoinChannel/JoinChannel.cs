using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels.JoinChannel;

/// <summary>A user enters a channel: public, protected with the password, private with an invitation; never while banned.</summary>
public sealed record JoinChannel(Guid UserId, Guid ChannelId, string? Password) : ICommand<ChannelSummary>;

public sealed class JoinChannelHandler(
    IUserRepository users, IChannelRepository channels, IChannelPasswordHasher hasher, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<JoinChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(JoinChannel command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var channel = await channels.GetAsync(command.ChannelId, cancellationToken);
        if (channel.Join(user, command.Password, hasher, clock.GetUtcNow()))
        {
            await channels.UpdateAsync(channel, cancellationToken);
            notifier.JoinChannel(user.Id, channel.Id);
            notifier.ToChannel(channel.Id, ChatEvents.MemberJoined, new MemberJoinedEvent(channel.Id, new UserRef(user.Id, user.DisplayName.Value)));
        }

        return ChannelSummary.Of(channel, user.Id);
    }
}
