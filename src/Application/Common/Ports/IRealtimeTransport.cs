namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Pushes events to connected clients (implemented in Web over SignalR). Application code does not call
/// it directly: it queues through <see cref="Realtime.IRealtimeNotifier"/>, which delivers only once the
/// command has committed.
/// </summary>
public interface IRealtimeTransport
{
    /// <summary>Every connection of every listed user.</summary>
    Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken);

    /// <summary>Every connection in a channel's group, except those of <paramref name="exceptUserIds"/>.</summary>
    Task ToChannelAsync(Guid channelId, string eventName, object payload, IReadOnlyCollection<Guid> exceptUserIds, CancellationToken cancellationToken);

    /// <summary>Puts every open connection of the user into the channel's group.</summary>
    Task JoinChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken);

    /// <summary>Takes every open connection of the user out of the channel's group.</summary>
    Task LeaveChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken);

    /// <summary>Puts one connection into the channels' groups (a new or reconnected connection).</summary>
    Task JoinChannelsAsync(string connectionId, IEnumerable<Guid> channelIds, CancellationToken cancellationToken);
}
