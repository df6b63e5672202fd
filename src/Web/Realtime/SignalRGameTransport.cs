using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Games;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>Delivers game events over the game hub: users by our user id, rooms by group <c>room:{id}</c>.</summary>
public sealed class SignalRGameTransport(IHubContext<GameHub> hub) : IGameTransport
{
    public static string GroupOf(Guid roomId) => $"room:{roomId}";

    public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Users(userIds.Select(id => id.ToString()).ToList()).SendAsync(eventName, payload, cancellationToken);

    public Task ToRoomAsync(Guid roomId, string eventName, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Group(GroupOf(roomId)).SendAsync(eventName, payload, cancellationToken);

    public Task ToConnectionAsync(string connectionId, string eventName, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).SendAsync(eventName, payload, cancellationToken);

    public Task AddToRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, GroupOf(roomId), cancellationToken);

    public Task RemoveFromRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(roomId), cancellationToken);
}
