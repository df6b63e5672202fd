using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Channels;

/// <summary>
/// The common shape of a moderation command: load the actor, the target and the channel, let the channel
/// decide, save, then tell people. Each use case supplies only the channel call and its aftermath.
/// </summary>
public sealed class Moderation(IUserRepository users, IChannelRepository channels, IRealtimeNotifier notifier)
{
    public IRealtimeNotifier Notifier => notifier;

    public async Task<ChannelNotice?> ApplyAsync(
        Guid actorId, Guid channelId, Guid targetId, Func<Channel, User, User, ChannelNotice?> act, CancellationToken cancellationToken)
    {
        var actor = await users.GetAsync(actorId, cancellationToken);
        var target = await users.GetAsync(targetId, cancellationToken);
        var channel = await channels.GetAsync(channelId, cancellationToken);
        var notice = act(channel, actor, target);
        if (notice is null)
        {
            return null;
        }

        await channels.UpdateAsync(channel, cancellationToken);
        var names = new Dictionary<Guid, string> { [actor.Id] = actor.DisplayName.Value, [target.Id] = target.DisplayName.Value };
        notifier.Announce(notice, names);
        return notice;
    }

    /// <summary>The target is out: their connections leave the group at once and the others see them go.</summary>
    public void Removed(ChannelNotice notice, string reason)
    {
        notifier.LeaveChannel(notice.TargetId, notice.ChannelId);
        notifier.ToChannel(notice.ChannelId, ChatEvents.MemberLeft, new MemberLeftEvent(notice.ChannelId, notice.TargetId, reason));
    }
}
