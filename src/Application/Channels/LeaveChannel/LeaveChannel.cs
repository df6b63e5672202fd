using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;

namespace Transcendence.Application.Channels.LeaveChannel;

/// <summary>
/// A member leaves. The owner's leaving hands ownership on (<c>owner_changed</c>); the last one out
/// deletes the channel and its history.
/// </summary>
public sealed record LeaveChannel(Guid UserId, Guid ChannelId) : ICommand;

public sealed class LeaveChannelHandler(IUserRepository users, IChannelRepository channels, IRealtimeNotifier notifier)
    : ICommandHandler<LeaveChannel>
{
    public async ValueTask<Unit> Handle(LeaveChannel command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var channel = await channels.GetAsync(command.ChannelId, cancellationToken);
        var outcome = channel.Leave(user);
        notifier.LeaveChannel(user.Id, channel.Id);
        if (outcome.ChannelDeleted)
        {
            await channels.DeleteAsync(channel.Id, cancellationToken);
            return Unit.Value;
        }

        await channels.UpdateAsync(channel, cancellationToken);
        notifier.ToChannel(channel.Id, ChatEvents.MemberLeft, new MemberLeftEvent(channel.Id, user.Id, "left"));
        if (outcome.OwnerChanged is { } ownerChanged)
        {
            var names = await users.NamesOfAsync([user.Id, ownerChanged.TargetId], cancellationToken);
            notifier.Announce(ownerChanged, names);
        }

        return Unit.Value;
    }
}
