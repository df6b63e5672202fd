using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Delivers the game server's sends over the game hub: rooms by group <c>room:{id}</c> (one serialisation per
/// room and event), connections one by one (the game server knows each user's connections: SignalR's own
/// <c>Clients.Users</c> walks every open connection to find a user's). It closes a connection the server
/// declared lost through the game hub's connection registry (its lifetime manager), which holds every open
/// connection of the hub.
/// </summary>
public sealed class SignalRGameTransport(IHubContext<GameHub> hub, HubLifetimeManager<GameHub> lifetime) : IGameTransport
{
    private readonly IHubConnectionRegistry _connections = (IHubConnectionRegistry)lifetime;

    public static string GroupOf(Guid roomId) => $"room:{roomId}";

    public Task ToRoomAsync(Guid roomId, string eventName, object payload)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Group(GroupOf(roomId)).SendAsync(eventName, payload);
    }

    public Task ToConnectionAsync(string connectionId, string eventName, object payload)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Client(connectionId).SendAsync(eventName, payload);
    }

    public Task AddToRoomAsync(string connectionId, Guid roomId) =>
        hub.Groups.AddToGroupAsync(connectionId, GroupOf(roomId));

    public Task RemoveFromRoomAsync(string connectionId, Guid roomId) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(roomId));

    /// <summary>Closes the connection if it is still open here (the client sees the close and reconnects).</summary>
    public Task CloseAsync(string connectionId)
    {
        _connections.Abort(connectionId);
        return Task.CompletedTask;
    }
}
