using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Delivers application events over the chat hub: users by our user id, channels by group. Every call hands
/// the event to the hub's registry (<see cref="HubConnectionRegistry{THub}"/>), which queues it for each target
/// connection and returns: nothing here waits for a socket. Users and groups span every instance (the
/// registry forwards what other instances must apply); connection ids do not.
/// </summary>
public sealed class SignalRRealtimeTransport(IHubContext<ChatHub> hub, HubLifetimeManager<ChatHub> lifetime, ChatDeliveryMetrics metrics) : IRealtimeTransport
{
    private readonly IHubConnectionRegistry _connections = (IHubConnectionRegistry)lifetime;

    public static string GroupOf(Guid channelId) => $"channel:{channelId}";

    public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken)
    {
        HubEvents.EnsureDeclared(HubEvents.ChatHub, eventName, payload);
        if (userIds.Count == 1)
        {
            metrics.Delivered(eventName, "user");
            return hub.Clients.User(userIds.First().ToString()).SendAsync(eventName, payload, cancellationToken);
        }

        metrics.Delivered(eventName, "users");
        return hub.Clients.Users(userIds.Select(id => id.ToString()).ToList()).SendAsync(eventName, payload, cancellationToken);
    }

    public Task ToChannelAsync(Guid channelId, string eventName, object payload, IReadOnlyCollection<Guid> exceptUserIds, CancellationToken cancellationToken)
    {
        HubEvents.EnsureDeclared(HubEvents.ChatHub, eventName, payload);
        metrics.Delivered(eventName, "channel");
        if (exceptUserIds.Count == 0)
        {
            return hub.Clients.Group(GroupOf(channelId)).SendAsync(eventName, payload, cancellationToken);
        }

        // The group fan-out stays one send; the excluded users' connections are skipped, on every instance.
        return _connections.SendGroupExceptUsersAsync(GroupOf(channelId), eventName, [payload], exceptUserIds);
    }

    public Task JoinChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken) =>
        _connections.AddUserToGroupAsync(userId, GroupOf(channelId));

    public Task LeaveChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken) =>
        _connections.RemoveUserFromGroupAsync(userId, GroupOf(channelId));

    public async Task JoinChannelsAsync(string connectionId, IEnumerable<Guid> channelIds, CancellationToken cancellationToken)
    {
        foreach (var channelId in channelIds)
        {
            await hub.Groups.AddToGroupAsync(connectionId, GroupOf(channelId), cancellationToken);
        }
    }
}
