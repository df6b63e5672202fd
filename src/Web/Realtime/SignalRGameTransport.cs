using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.GameServer;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Delivers the game server's sends over the game hub: rooms by group <c>room:{id}</c> (one serialisation per
/// room and event), connections one by one (the game server knows each user's connections: SignalR's own
/// <c>Clients.Users</c> walks every open connection to find a user's). It also closes a connection the server
/// declared lost, which needs the connection's context: the hub hands it over when the connection opens.
/// </summary>
public sealed class SignalRGameTransport(IHubContext<GameHub> hub) : IGameTransport
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public static string GroupOf(Guid roomId) => $"room:{roomId}";

    /// <summary>The hub's connection opened: it may be closed by <see cref="CloseAsync"/> until it has closed.</summary>
    public void Opened(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

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
        if (_open.TryRemove(connectionId, out var context))
        {
            context.Abort();
        }

        return Task.CompletedTask;
    }
}
