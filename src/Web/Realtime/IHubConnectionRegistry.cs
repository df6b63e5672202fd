using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Transcendence.Web.Realtime;

/// <summary>What the rest of the app asks of a hub's connection registry, whichever hub it is.</summary>
public interface IHubConnectionRegistry
{
    /// <summary>The hub's class name (<c>ChatHub</c>, <c>GameHub</c>).</summary>
    string Hub { get; }

    /// <summary>
    /// A connection arrived, before SignalR's handshake (the hub's connection middleware): from now until
    /// <see cref="Leave"/> it counts for its user's presence. True when it is the user's first connection on
    /// this instance, in any hub's registry (<see cref="ConnectedUsers"/>).
    /// </summary>
    bool Arrive(string connectionId, ClaimsPrincipal? user);

    /// <summary>
    /// The connection is gone, after SignalR and the hub are done with it: true when it was its user's last
    /// connection on this instance, in any hub's registry.
    /// </summary>
    bool Leave(string connectionId);

    /// <summary>The user's connections on this hub (from arrival until they leave).</summary>
    IReadOnlyList<string> ConnectionIdsOf(Guid userId);

    /// <summary>The login's (<c>sid</c>) open connections on this hub.</summary>
    IReadOnlyList<HubConnectionContext> OfSession(Guid sessionId);

    /// <summary>
    /// Admits the connection unless its user already holds <paramref name="maxPerUser"/> admitted connections on
    /// this hub; an admitted connection holds its place until it closes.
    /// </summary>
    bool TryAdmit(string connectionId, int maxPerUser);

    /// <summary>Closes the connection if it is open here (the client sees it close and reconnects).</summary>
    void Abort(string connectionId);

    /// <summary>Whether a connection of the user is here; under <see cref="ConnectedUsers.Gate"/>.</summary>
    internal bool HoldsLocked(string userId);

    /// <summary>Puts every connection of the user, on every instance, into the group.</summary>
    Task AddUserToGroupAsync(Guid userId, string groupName);

    /// <summary>Takes every connection of the user, on every instance, out of the group.</summary>
    Task RemoveUserFromGroupAsync(Guid userId, string groupName);

    /// <summary>
    /// Sends to the group's connections on this instance and, on the other instances, to every connection of the
    /// listed users (their user topics: heard from the moment a connection of theirs arrived, unlike a group's topic,
    /// which an instance subscribes to only once it holds a member).
    /// </summary>
    Task SendGroupHereAndUsersElsewhereAsync(string groupName, IReadOnlyCollection<Guid> userIds, string methodName, object?[] args);

    /// <summary>Every connection on this instance leaves the group.</summary>
    void EmptyGroupHere(string groupName);

    /// <summary>Sends to every connection in the group, on every instance, except the listed users' connections.</summary>
    Task SendGroupExceptUsersAsync(string groupName, string methodName, object?[] args, IReadOnlyCollection<Guid> exceptUserIds);
}
