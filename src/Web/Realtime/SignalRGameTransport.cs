using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Delivers the game server's sends over the game hub's connection registry (its lifetime manager): rooms by
/// group <c>room:{id}</c> here and by their members' user topics on the other instances (one serialisation per
/// room and event), users on every instance, connections here. It closes a connection the server declared lost,
/// if it is open here.
/// </summary>
public sealed class SignalRGameTransport(IHubContext<GameHub> hub, HubLifetimeManager<GameHub> lifetime) : IGameTransport
{
    private readonly IHubConnectionRegistry _connections = (IHubConnectionRegistry)lifetime;

    public const string GroupPrefix = "room:";

    public static string GroupOf(Guid roomId) => $"{GroupPrefix}{roomId}";

    public Task ToRoomAsync(Guid roomId, string eventName, object payload, IReadOnlyCollection<Guid> elsewhere)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return _connections.SendGroupHereAndUsersElsewhereAsync(GroupOf(roomId), elsewhere, eventName, [payload]);
    }

    public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Users([.. userIds.Select(id => id.ToString())]).SendAsync(eventName, payload);
    }

    public Task ToConnectionAsync(string connectionId, string eventName, object payload)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Client(connectionId).SendAsync(eventName, payload);
    }

    public Task AddUserToRoomAsync(Guid userId, Guid roomId) => _connections.AddUserToGroupAsync(userId, GroupOf(roomId));

    public Task RemoveUserFromRoomAsync(Guid userId, Guid roomId) => _connections.RemoveUserFromGroupAsync(userId, GroupOf(roomId));

    public Task AddToRoomAsync(string connectionId, Guid roomId) =>
        hub.Groups.AddToGroupAsync(connectionId, GroupOf(roomId));

    public Task EmptyRoomHereAsync(Guid roomId)
    {
        _connections.EmptyGroupHere(GroupOf(roomId));
        return Task.CompletedTask;
    }

    /// <summary>Closes the connection if it is still open here (the client sees the close and reconnects).</summary>
    public Task CloseAsync(string connectionId)
    {
        _connections.Abort(connectionId);
        return Task.CompletedTask;
    }
}
