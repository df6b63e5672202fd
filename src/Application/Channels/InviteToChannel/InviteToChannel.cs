using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;

namespace Transcendence.Application.Channels.InviteToChannel;

/// <summary>A member invites someone to a private channel; the invitee gets an <c>invited</c> notice.</summary>
public sealed record InviteToChannel(Guid UserId, Guid ChannelId, Guid InviteeId) : ICommand;

public sealed class InviteToChannelHandler(IUserRepository users, IChannelRepository channels, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<InviteToChannel>
{
    public async ValueTask<Unit> Handle(InviteToChannel command, CancellationToken cancellationToken)
    {
        var inviter = await users.GetAsync(command.UserId, cancellationToken);
        var invitee = await users.GetAsync(command.InviteeId, cancellationToken);
        var channel = await channels.GetAsync(command.ChannelId, cancellationToken);
        if (channel.Invite(inviter, invitee, clock.GetUtcNow()) is { } notice)
        {
            await channels.UpdateAsync(channel, cancellationToken);
            notifier.TellTarget(notice, new Dictionary<Guid, string>
            {
                [inviter.Id] = inviter.DisplayName.Value,
                [invitee.Id] = invitee.DisplayName.Value,
            });
        }

        return Unit.Value;
    }
}
