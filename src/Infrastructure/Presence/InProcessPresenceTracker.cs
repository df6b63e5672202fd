using Transcendence.Application.Presence;
using Transcendence.Application.Users;

namespace Transcendence.Infrastructure.Presence;

/// <summary>Connection counts and in-game flags of this process, behind one lock (tiny critical sections).</summary>
public sealed class InProcessPresenceTracker : IPresenceTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<string>> _connections = [];
    private readonly HashSet<Guid> _inGame = [];

    public bool Connected(Guid userId, string connectionId)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            if (!_connections.TryGetValue(userId, out var set))
            {
                _connections[userId] = set = [];
            }

            set.Add(connectionId);
            return StatusLocked(userId) != before;
        }
    }

    public bool Disconnected(Guid userId, string connectionId)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            if (_connections.TryGetValue(userId, out var set) && set.Remove(connectionId) && set.Count == 0)
            {
                _connections.Remove(userId);
            }

            return StatusLocked(userId) != before;
        }
    }

    public bool SetInGame(Guid userId, bool inGame)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            if (inGame)
            {
                _inGame.Add(userId);
            }
            else
            {
                _inGame.Remove(userId);
            }

            return StatusLocked(userId) != before;
        }
    }

    public string StatusOf(Guid userId)
    {
        lock (_gate)
        {
            return StatusLocked(userId);
        }
    }

    public IReadOnlyCollection<string> ConnectionsOf(Guid userId)
    {
        lock (_gate)
        {
            return _connections.TryGetValue(userId, out var set) ? [.. set] : [];
        }
    }

    private string StatusLocked(Guid userId) =>
        _inGame.Contains(userId) ? UserStatus.InGame
        : _connections.ContainsKey(userId) ? UserStatus.Online
        : UserStatus.Offline;
}
