using Microsoft.AspNetCore.SignalR;

namespace Transcendence.Web.Sessions;

/// <summary>
/// Every open hub connection of this process, by login (<c>sid</c>) and by user and hub: the one record of
/// which connection belongs to which login, used to close a revoked login's connections and to bound how
/// many connections a user holds on a hub.
/// </summary>
public sealed class HubConnectionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<HubCallerContext>> _bySession = [];
    private readonly Dictionary<(string Hub, Guid UserId), int> _perUser = [];

    /// <summary>Records the connection unless the user already holds <paramref name="maxPerUser"/> on that hub.</summary>
    public bool TryAdd(string hub, Guid userId, Guid sessionId, HubCallerContext connection, int maxPerUser)
    {
        lock (_gate)
        {
            var held = _perUser.GetValueOrDefault((hub, userId));
            if (held >= maxPerUser)
            {
                return false;
            }

            _perUser[(hub, userId)] = held + 1;
            if (!_bySession.TryGetValue(sessionId, out var connections))
            {
                _bySession[sessionId] = connections = [];
            }

            connections.Add(connection);
            return true;
        }
    }

    public void Remove(string hub, Guid userId, Guid sessionId, HubCallerContext connection)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(sessionId, out var connections) || !connections.Remove(connection))
            {
                return;
            }

            if (connections.Count == 0)
            {
                _bySession.Remove(sessionId);
            }

            var held = _perUser[(hub, userId)] - 1;
            if (held == 0)
            {
                _perUser.Remove((hub, userId));
            }
            else
            {
                _perUser[(hub, userId)] = held;
            }
        }
    }

    /// <summary>The login's open connections on every hub of this process.</summary>
    public IReadOnlyList<HubCallerContext> OfSession(Guid sessionId)
    {
        lock (_gate)
        {
            return _bySession.TryGetValue(sessionId, out var connections) ? [.. connections] : [];
        }
    }
}
