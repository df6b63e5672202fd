using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;

namespace Transcendence.Application.Channels.SweepExpiredRestrictions;

/// <summary>
/// Tidies mutes and bans that have ended: removes their rows and tells people <c>unmuted</c>. Enforcement
/// never waits for this; sends compare the mute's end with the clock.
/// </summary>
public sealed record SweepExpiredRestrictions(int MaxChannels = 100) : ICommand<int>;

public sealed class SweepExpiredRestrictionsHandler(
    IUserRepository users, IChannelRepository channels, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<SweepExpiredRestrictions, int>
{
    public async ValueTask<int> Handle(SweepExpiredRestrictions command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await channels.ListIdsWithEndedRestrictionsAsync(now, command.MaxChannels, cancellationToken);
        foreach (var id in ids)
        {
            if (await channels.FindByIdAsync(id, cancellationToken) is not { } channel)
            {
                continue;
            }

            var notices = channel.RemoveExpired(now);
            await channels.UpdateAsync(channel, cancellationToken);
            var names = await users.NamesOfAsync(notices.Select(n => n.TargetId), cancellationToken);
            foreach (var notice in notices)
            {
                notifier.Announce(notice, names);
            }
        }

        return ids.Count;
    }
}
