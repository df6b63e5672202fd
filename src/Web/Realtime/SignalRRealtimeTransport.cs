using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>Delivers application events over the chat hub: users by our user id, channels by group.</summary>
public sealed class SignalRRealtimeTransport(IHubContext<ChatHub> hub, IPresenceTracker presence, ChatDeliveryMetrics metrics) : IRealtimeTransport
{
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

        // The group fan-out stays one send; the excluded users' connections are simply skipped.
        var excluded = exceptUserIds.SelectMany(presence.ConnectionsOf).ToList();
        return hub.Clients.GroupExcept(GroupOf(channelId), excluded).SendAsync(eventName, payload, cancellationToken);
    }

    public async Task JoinChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        foreach (var connectionId in presence.ConnectionsOf(userId))
        {
            await hub.Groups.AddToGroupAsync(connectionId, GroupOf(channelId), cancellationToken);
        }
    }

    public async Task LeaveChannelAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        foreach (var connectionId in presence.ConnectionsOf(userId))
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(channelId), cancellationToken);
        }
    }

    public async Task JoinChannelsAsync(string connectionId, IEnumerable<Guid> channelIds, CancellationToken cancellationToken)
    {
        foreach (var channelId in channelIds)
        {
            await hub.Groups.AddToGroupAsync(connectionId, GroupOf(channelId), cancellationToken);
        }
    }
}
