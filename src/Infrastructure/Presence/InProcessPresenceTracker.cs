using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Infrastructure.Presence;

/// <summary>
/// Connection counts and in-game flags of this process, behind one lock (tiny critical sections). A count per
/// user is all presence needs: each connection is counted once when it opens and once when it closes (the
/// hubs' connection middleware), and which connections a user holds is the hubs' registries' business.
/// </summary>
public sealed class InProcessPresenceTracker : IPresenceTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _connections = [];
    private readonly HashSet<Guid> _inGame = [];

    public bool Connected(Guid userId, string connectionId)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            _connections[userId] = _connections.GetValueOrDefault(userId) + 1;
            return StatusLocked(userId) != before;
        }
    }

    public bool Disconnected(Guid userId, string connectionId)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            if (_connections.TryGetValue(userId, out var held))
            {
                if (held <= 1)
                {
                    _connections.Remove(userId);
                }
                else
                {
                    _connections[userId] = held - 1;
                }
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

    private string StatusLocked(Guid userId) =>
        _inGame.Contains(userId) ? UserStatus.InGame
        : _connections.ContainsKey(userId) ? UserStatus.Online
        : UserStatus.Offline;
}
