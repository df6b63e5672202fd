namespace Transcendence.Application.Common.Realtime;

/// <summary>
/// What handlers use to tell clients what happened. Calls are queued and delivered in order after the
/// command commits; a command that fails delivers nothing (no event about a change that did not happen).
/// </summary>
public interface IRealtimeNotifier
{
    void ToUser(Guid userId, string eventName, object payload);

    void ToUsers(IReadOnlyCollection<Guid> userIds, string eventName, object payload);

    /// <summary>Every connection in the channel's group, except those of <paramref name="exceptUserIds"/>.</summary>
    void ToChannel(Guid channelId, string eventName, object payload, IReadOnlyCollection<Guid>? exceptUserIds = null);

    void JoinChannel(Guid userId, Guid channelId);

    void LeaveChannel(Guid userId, Guid channelId);

    void JoinChannels(string connectionId, IReadOnlyCollection<Guid> channelIds);

    /// <summary>Any other delivery (the game hub's), run in order with the rest once the command has committed.</summary>
    void Defer(Func<CancellationToken, Task> delivery);
}
