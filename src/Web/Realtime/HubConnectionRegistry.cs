using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The hub's lifetime manager and its one connection registry: connections by id, by user, by login, and
/// groups, each a dictionary hit (SignalR's default finds a user's connections by walking every connection).
/// It is also the one place a connection is counted for presence: a connection is held from its arrival, before
/// SignalR's handshake, until it leaves after SignalR and the hub are done with it (the hub's connection
/// middleware, <c>PresenceCountingHubs</c>); SignalR's own connect and disconnect attach and detach its
/// <see cref="HubConnectionContext"/>, and only an attached connection is sent anything. Whether a user is here
/// at all is read across both hubs' registries (<see cref="ConnectedUsers"/>).
/// Sending never waits for a socket: a message is serialized once and handed to each target connection's
/// outgoing queue, which writes in order in the background; the caller returns at once. A connection whose
/// queue passes <see cref="OutgoingOptions"/> is a reader that cannot keep up: it is closed with
/// <c>slow_consumer</c> (it reconnects and reads history, where every message was stored before it was sent)
/// and nobody else notices. Only an idle connection's fixed cost is kept per connection: the queue exists
/// while something waits.
/// With several instances (<see cref="IInstanceBus"/> reaches others) every send is delivered here as above
/// and published once, as the JSON protocol's bytes, to the group's, user's or hub's topic; the other instances
/// deliver it to THEIR connections the same way. An instance hears a group's topic while it holds a member and a
/// user's while it holds a connection of the user. Operations on users travel too: joining a user's connections
/// to a group (on the user's topic), taking them out (on the group's, in order with its messages), sends that
/// skip users. Local delivery never waits for the bus: while it is down, each instance serves its own.
/// </summary>
public sealed partial class HubConnectionRegistry<THub> : HubLifetimeManager<THub>, IHubConnectionRegistry
    where THub : Hub
{
    public const string SlowConsumer = "slow_consumer";

    private readonly ConcurrentDictionary<string, Outgoing> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Outgoing[]> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Outgoing[]> _bySession = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Outgoing>> _groups = new(StringComparer.Ordinal);
    private readonly ConnectedUsers _users;
    private readonly Lock _groupGate = new();
    private readonly IOptions<OutgoingOptions> _options;
    private readonly ServerCloseReasons _closeReasons;
    private readonly OutgoingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IInstanceBus _bus;
    private readonly IHubProtocol _protocol;
    private readonly bool _forwarding;
    private readonly IGroupAudience<THub>? _audience;

    public HubConnectionRegistry(
        ConnectedUsers users,
        IOptions<OutgoingOptions> options,
        ServerCloseReasons closeReasons,
        OutgoingMetrics metrics,
        ILogger<HubConnectionRegistry<THub>> logger,
        IInstanceBus bus,
        IHubProtocol protocol,
        IEnumerable<IGroupAudience<THub>> audiences)
    {
        _users = users;
        _options = options;
        _closeReasons = closeReasons;
        _metrics = metrics;
        _logger = logger;
        _bus = bus;
        _protocol = protocol;
        _forwarding = bus.ReachesOtherInstances;
        _audience = audiences.SingleOrDefault();
        users.Join(this);
        if (_forwarding)
        {
            Watch(bus.SubscribeAsync(AllTopic, OnAllEnvelope));
        }
    }

    public string Hub { get; } = typeof(THub).Name;

    private string AllTopic => $"{Hub}:all";

    private string GroupTopic(string groupName) => $"{Hub}:group:{groupName}";

    private string UserTopic(string userId) => $"{Hub}:user:{userId}";

    public bool Arrive(string connectionId, ClaimsPrincipal? user)
    {
        // The same claims SignalR reads later: the user id (SubjectUserIdProvider) and the login.
        var userId = user?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var outgoing = new Outgoing(this, connectionId, userId, SessionOf(user));
        if (!_connections.TryAdd(connectionId, outgoing))
        {
            throw new InvalidOperationException($"Connection {connectionId} arrived at {Hub} twice.");
        }

        lock (_users.Gate)
        {
            var first = userId is not null && !_users.HoldsLocked(userId);
            if (userId is not null)
            {
                var others = _byUser.GetValueOrDefault(userId, []);
                _byUser[userId] = [.. others, outgoing];
                if (_forwarding && others.Length == 0)
                {
                    // Under the lock: subscribing and unsubscribing a user's topic keep the order of arrivals and departures.
                    outgoing.Subscribed = _bus.SubscribeAsync(UserTopic(userId), envelope => OnUserEnvelope(userId, envelope));
                }
            }

            if (outgoing.SessionId is { } session)
            {
                _bySession[session] = [.. _bySession.GetValueOrDefault(session, []), outgoing];
            }

            return first;
        }
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        if (!_connections.TryGetValue(connection.ConnectionId, out var outgoing))
        {
            throw new InvalidOperationException(
                $"Connection {connection.ConnectionId} reached {Hub} without arriving: map the hub with MapHubCountingPresence, which records it.");
        }

        outgoing.Attach(connection);
        // What is sent to the user from any instance reaches this connection once the user's topic is heard.
        return SubscribedAsync(outgoing.Subscribed);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryGetValue(connection.ConnectionId, out var outgoing))
        {
            Detach(outgoing);
        }

        return Task.CompletedTask;
    }

    public bool Leave(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var outgoing))
        {
            return false;
        }

        // A connection whose handshake failed was never attached, yet it may have been put in groups.
        Detach(outgoing);
        lock (_users.Gate)
        {
            if (outgoing.SessionId is { } session)
            {
                Unindex(_bySession, session, outgoing);
            }

            if (outgoing.UserId is not { } userId)
            {
                return false;
            }

            if (Unindex(_byUser, userId, outgoing) && _forwarding)
            {
                Watch(_bus.UnsubscribeAsync(UserTopic(userId)));
            }

            return !_users.HoldsLocked(userId);
        }
    }

    /// <summary>Nothing is sent to it any more and it leaves its groups; it still counts until it leaves.</summary>
    private void Detach(Outgoing outgoing)
    {
        outgoing.Close();
        lock (_users.Gate)
        {
            outgoing.Admitted = false;
        }

        foreach (var group in outgoing.TakeGroups() ?? [])
        {
            LeaveGroup(group, outgoing.ConnectionId);
        }
    }

    bool IHubConnectionRegistry.HoldsLocked(string userId) => _byUser.ContainsKey(userId);

    public IReadOnlyList<string> ConnectionIdsOf(Guid userId) =>
        _byUser.TryGetValue(userId.ToString(), out var connections) ? [.. connections.Select(c => c.ConnectionId)] : [];

    public IReadOnlyList<HubConnectionContext> OfSession(Guid sessionId) =>
        _bySession.TryGetValue(sessionId, out var connections) ? [.. connections.Select(c => c.OpenConnection).OfType<HubConnectionContext>()] : [];

    public bool TryAdmit(string connectionId, int maxPerUser)
    {
        if (!_connections.TryGetValue(connectionId, out var outgoing))
        {
            return false;
        }

        lock (_users.Gate)
        {
            var user = outgoing.UserId;
            var admitted = user is null ? 0 : _byUser.GetValueOrDefault(user, []).Count(c => c.Admitted);
            if (admitted >= maxPerUser)
            {
                return false;
            }

            outgoing.Admitted = true;
            return true;
        }
    }

    public void Abort(string connectionId)
    {
        if (_connections.TryGetValue(connectionId, out var outgoing))
        {
            outgoing.OpenConnection?.Abort();
        }
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (!_connections.TryGetValue(connectionId, out var outgoing) || !outgoing.JoinGroup(groupName))
        {
            return Task.CompletedTask;
        }

        Task? subscribed = null;
        // Joins and leaves take turns (sends read the groups without a lock): an emptied group is dropped, so
        // rooms and channels that are over leave nothing behind, and a join never lands in a dropped one.
        lock (_groupGate)
        {
            // A connection that closed meanwhile has already left its groups: it must not come back into one.
            if (!outgoing.IsClosed)
            {
                if (!_groups.TryGetValue(groupName, out var members))
                {
                    members = _groups[groupName] = new ConcurrentDictionary<string, Outgoing>(StringComparer.Ordinal);
                    if (_forwarding)
                    {
                        subscribed = _bus.SubscribeAsync(GroupTopic(groupName), envelope => OnGroupEnvelope(groupName, envelope));
                    }
                }

                var first = IsFollowed(groupName, outgoing.UserId) && !members.Values.Any(other => other.UserId == outgoing.UserId);
                members[connectionId] = outgoing;
                if (first)
                {
                    _audience!.Changed(groupName, outgoing.UserId!, present: true);
                }
            }
        }

        return SubscribedAsync(subscribed);
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (_connections.TryGetValue(connectionId, out var outgoing))
        {
            outgoing.LeaveGroup(groupName);
        }

        LeaveGroup(groupName, connectionId);
        return Task.CompletedTask;
    }

    private void LeaveGroup(string groupName, string connectionId)
    {
        lock (_groupGate)
        {
            if (!_groups.TryGetValue(groupName, out var members) || !members.TryRemove(connectionId, out var gone))
            {
                return;
            }

            if (IsFollowed(groupName, gone.UserId) && !members.Values.Any(other => other.UserId == gone.UserId))
            {
                _audience!.Changed(groupName, gone.UserId!, present: false);
            }

            if (members.IsEmpty)
            {
                _groups.TryRemove(groupName, out _);
                if (_forwarding)
                {
                    Watch(_bus.UnsubscribeAsync(GroupTopic(groupName)));
                }
            }
        }
    }

    /// <summary>Whether the group's audience is followed (<see cref="IGroupAudience{THub}"/>) and the connection has a user.</summary>
    private bool IsFollowed(string groupName, string? userId) => userId is not null && _audience is { } audience && audience.Follows(groupName);

    /// <summary>Every connection here leaves the group.</summary>
    public void EmptyGroupHere(string groupName)
    {
        foreach (var connectionId in _groups.TryGetValue(groupName, out var members) ? members.Keys.ToList() : [])
        {
            _ = RemoveFromGroupAsync(connectionId, groupName);
        }
    }

    public Task SendGroupHereAndUsersElsewhereAsync(string groupName, IReadOnlyCollection<Guid> userIds, string methodName, object?[] args)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        SerializedHubMessage? message = null;
        SendToGroup(groupName, methodName, args, null, null, ref message);
        if (_forwarding && userIds.Count > 0)
        {
            // One envelope for every user: serialized once whoever gets it; this instance never hears its own.
            var envelope = BackplaneEnvelope.Send(Bytes(message ??= Serialized(methodName, args)), null, null);
            foreach (var userId in userIds)
            {
                _bus.Publish(UserTopic(userId.ToString()), envelope);
            }
        }

        return Task.CompletedTask;
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAllExceptAsync(methodName, args, [], cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        var message = Serialized(methodName, args);
        SendAllLocally(message, excludedConnectionIds);
        Forward(AllTopic, message, excludedConnectionIds.Count == 0 ? null : excludedConnectionIds, null);
        return Task.CompletedTask;
    }

    /// <summary>A connection is on one instance: sends to connections (the game server's, which knows them) stay here.</summary>
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        if (_connections.TryGetValue(connectionId, out var outgoing))
        {
            outgoing.Send(Serialized(methodName, args));
        }

        return Task.CompletedTask;
    }

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        SerializedHubMessage? message = null;
        foreach (var id in connectionIds)
        {
            if (_connections.TryGetValue(id, out var outgoing))
            {
                outgoing.Send(message ??= Serialized(methodName, args));
            }
        }

        return Task.CompletedTask;
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return SendToGroupEverywhere(groupName, methodName, args, null, null);
    }

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        SerializedHubMessage? message = null;
        foreach (var groupName in groupNames)
        {
            SendToGroup(groupName, methodName, args, null, null, ref message);
            if (_forwarding)
            {
                Forward(GroupTopic(groupName), message ??= Serialized(methodName, args), null, null);
            }
        }

        return Task.CompletedTask;
    }

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return SendToGroupEverywhere(groupName, methodName, args, excludedConnectionIds, null);
    }

    public Task SendGroupExceptUsersAsync(string groupName, string methodName, object?[] args, IReadOnlyCollection<Guid> exceptUserIds)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        var exceptUsers = exceptUserIds.Count == 0 ? null : exceptUserIds.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        return SendToGroupEverywhere(groupName, methodName, args, null, exceptUsers);
    }

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendUsersAsync([userId], methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        SerializedHubMessage? message = null;
        byte[]? envelope = null;
        foreach (var userId in userIds)
        {
            if (_byUser.TryGetValue(userId, out var connections))
            {
                foreach (var outgoing in connections)
                {
                    outgoing.Send(message ??= Serialized(methodName, args));
                }
            }

            if (_forwarding)
            {
                // One envelope for every user: the message is serialized once whoever gets it.
                envelope ??= BackplaneEnvelope.Send(Bytes(message ??= Serialized(methodName, args)), null, null);
                _bus.Publish(UserTopic(userId), envelope);
            }
        }

        return Task.CompletedTask;
    }

    public async Task AddUserToGroupAsync(Guid userId, string groupName)
    {
        var user = userId.ToString();
        foreach (var outgoing in _byUser.GetValueOrDefault(user, []))
        {
            await AddToGroupAsync(outgoing.ConnectionId, groupName);
        }

        if (_forwarding)
        {
            // On the user's topic: only the instances holding a connection of the user hear it.
            _bus.Publish(UserTopic(user), BackplaneEnvelope.JoinGroup(groupName));
        }
    }

    public Task RemoveUserFromGroupAsync(Guid userId, string groupName)
    {
        var user = userId.ToString();
        RemoveUserLocally(user, groupName);
        if (_forwarding)
        {
            // On the group's topic, behind every message sent to the group before: a message sent after the
            // removal reaches no instance before the removal does.
            _bus.Publish(GroupTopic(groupName), BackplaneEnvelope.LeaveGroup(user));
        }

        return Task.CompletedTask;
    }

    private Task SendToGroupEverywhere(string groupName, string methodName, object?[] args, IReadOnlyList<string>? exceptConnections, IReadOnlySet<string>? exceptUsers)
    {
        SerializedHubMessage? message = null;
        SendToGroup(groupName, methodName, args, exceptConnections, exceptUsers, ref message);
        if (_forwarding)
        {
            Forward(GroupTopic(groupName), message ?? Serialized(methodName, args), exceptConnections, exceptUsers);
        }

        return Task.CompletedTask;
    }

    /// <summary>Delivers to the group's local members; <paramref name="message"/> is serialized on first use unless given.</summary>
    private void SendToGroup(
        string groupName,
        string methodName,
        object?[] args,
        IReadOnlyList<string>? exceptConnections,
        IReadOnlySet<string>? exceptUsers,
        ref SerializedHubMessage? message)
    {
        if (!_groups.TryGetValue(groupName, out var members))
        {
            return;
        }

        foreach (var (id, outgoing) in members)
        {
            if ((exceptConnections is null || !exceptConnections.Contains(id))
                && (exceptUsers is null || outgoing.UserId is not { } user || !exceptUsers.Contains(user)))
            {
                outgoing.Send(message ??= Serialized(methodName, args));
            }
        }
    }

    private void SendAllLocally(SerializedHubMessage message, IReadOnlyList<string>? exceptConnections)
    {
        foreach (var (id, outgoing) in _connections)
        {
            if (exceptConnections is null || !exceptConnections.Contains(id))
            {
                outgoing.Send(message);
            }
        }
    }

    private void RemoveUserLocally(string user, string groupName)
    {
        foreach (var outgoing in _byUser.GetValueOrDefault(user, []))
        {
            outgoing.LeaveGroup(groupName);
            LeaveGroup(groupName, outgoing.ConnectionId);
        }
    }

    private static SerializedHubMessage Serialized(string methodName, object?[] args) => new(new InvocationMessage(methodName, args));

    private static Guid? SessionOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirst(JwtRegisteredClaimNames.Sid)?.Value, out var sid) ? sid : null;

    /// <summary>Takes the connection out of the key's entry; true when that left the key with none.</summary>
    private static bool Unindex<TKey>(ConcurrentDictionary<TKey, Outgoing[]> index, TKey key, Outgoing outgoing)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var connections))
        {
            return false;
        }

        var rest = connections.Where(c => !ReferenceEquals(c, outgoing)).ToArray();
        if (rest.Length == 0)
        {
            index.TryRemove(key, out _);
            return true;
        }

        index[key] = rest;
        return false;
    }

    private void CloseSlowConsumer(Outgoing outgoing, int queuedMessages, long queuedBytes)
    {
        var connection = outgoing.Connection!;
        LogSlowConsumer(Hub, connection.ConnectionId, connection.UserIdentifier, queuedMessages, queuedBytes);
        _metrics.SlowConsumerClosed(Hub);
        _closeReasons.Set(connection, $"{SlowConsumer}: this connection fell {queuedMessages} messages behind what it was sent and was closed; reconnect and read the history");
        connection.Abort();
    }

    private void LogWriteFailed(Exception exception, string connectionId) => LogWriteFailure(exception, Hub, connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed {Hub} connection {ConnectionId} of user {UserId}: a slow reader, {QueuedMessages} messages ({QueuedBytes} bytes) waiting")]
    private partial void LogSlowConsumer(string hub, string connectionId, string? userId, int queuedMessages, long queuedBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hub}: subscribing to another instance's deliveries failed; it is made again when the bus is back")]
    private partial void LogSubscribeFailure(Exception exception, string hub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing to {Hub} connection {ConnectionId} failed")]
    private partial void LogWriteFailure(Exception exception, string hub, string connectionId);
}
