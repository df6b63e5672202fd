using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels;

/// <summary>Turns what a channel method did into <c>Notice</c> events for the people concerned.</summary>
internal static class ChatNotices
{
    /// <summary>
    /// The channel hears it, and the target hears it as their own notice (once: their connections are left
    /// out of the channel-wide one).
    /// </summary>
    public static void Announce(this IRealtimeNotifier notifier, ChannelNotice notice, IReadOnlyDictionary<Guid, string> names)
    {
        var payload = ToEvent(notice, names);
        notifier.ToChannel(notice.ChannelId, ChatEvents.Notice, payload, [notice.TargetId]);
        notifier.ToUser(notice.TargetId, ChatEvents.Notice, payload);
    }

    /// <summary>Only the target hears it (an invitation to a channel they cannot see yet).</summary>
    public static void TellTarget(this IRealtimeNotifier notifier, ChannelNotice notice, IReadOnlyDictionary<Guid, string> names) =>
        notifier.ToUser(notice.TargetId, ChatEvents.Notice, ToEvent(notice, names));

    private static NoticeEvent ToEvent(ChannelNotice notice, IReadOnlyDictionary<Guid, string> names)
    {
        var actor = notice.ActorId is { } actorId ? names.GetValueOrDefault(actorId, "someone") : "time";
        var target = names.GetValueOrDefault(notice.TargetId, "someone");
        var until = notice.Until is { } end ? $" until {ChannelErrors.Format(end)}" : string.Empty;
        var text = notice.Code switch
        {
            ChannelNoticeCodes.Muted => $"{actor} muted {target}{until}",
            ChannelNoticeCodes.Unmuted => notice.ActorId is null ? $"{target}'s mute ended" : $"{actor} unmuted {target}",
            ChannelNoticeCodes.Banned => $"{actor} banned {target}{(notice.Until is null ? " for good" : until)}",
            ChannelNoticeCodes.Unbanned => $"{actor} lifted {target}'s ban",
            ChannelNoticeCodes.Kicked => $"{actor} kicked {target}",
            ChannelNoticeCodes.AdminGranted => $"{actor} made {target} an admin",
            ChannelNoticeCodes.AdminRevoked => $"{actor} made {target} a plain member",
            ChannelNoticeCodes.OwnerChanged => $"{target} now owns the channel",
            ChannelNoticeCodes.Invited => $"{actor} invited {target}",
            _ => notice.Code,
        };
        return new NoticeEvent(notice.Code, notice.ChannelId, notice.ActorId, notice.TargetId, notice.Until, text);
    }
}
