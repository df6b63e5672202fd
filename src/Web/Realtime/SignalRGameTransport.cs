using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Games;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Delivers game events over the game hub: users through their connections, rooms by group <c>room:{id}</c>.
/// A user's connections come from <see cref="GameConnections"/>: SignalR's own <c>Clients.Users</c> (and <c>Clients(ids)</c>)
/// walk every open connection to find a user's, so with 10,000 players each Matched cost 10,000 comparisons
/// (the matchmaking benchmark's server spent milliseconds per pair there and let the heartbeat lapse).
/// </summary>
public sealed class SignalRGameTransport(IHubContext<GameHub> hub, GameConnections connections) : IGameTransport
{
    public static string GroupOf(Guid roomId) => $"room:{roomId}";

    public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        // One send per connection: only the single-connection lookup is a dictionary hit in SignalR's
        // default lifetime manager; Clients(ids) and User(s) both walk every connection.
        var sends = userIds.SelectMany(connections.ConnectionsOf)
            .Select(connectionId => hub.Clients.Client(connectionId).SendAsync(eventName, payload, cancellationToken))
            .ToList();
        return sends.Count switch
        {
            0 => Task.CompletedTask,
            1 => sends[0],
            _ => Task.WhenAll(sends),
        };
    }

    public Task ToRoomAsync(Guid roomId, string eventName, object payload, CancellationToken cancellationToken)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Group(GroupOf(roomId)).SendAsync(eventName, payload, cancellationToken);
    }

    public Task ToConnectionAsync(string connectionId, string eventName, object payload, CancellationToken cancellationToken)
    {
        HubEvents.EnsureDeclared(HubEvents.GameHub, eventName, payload);
        return hub.Clients.Client(connectionId).SendAsync(eventName, payload, cancellationToken);
    }

    public Task AddToRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, GroupOf(roomId), cancellationToken);

    public Task RemoveFromRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(roomId), cancellationToken);
}
