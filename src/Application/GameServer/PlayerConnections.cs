namespace Transcendence.Application.GameServer;

/// <summary>
/// The game hub's record of players' connections in this process, by user, with each one's heartbeat: a
/// connection that has not answered the last <c>Ping</c> when the next one is due is lost. Only the
/// <see cref="GameLoop"/>'s thread uses it (no locks). Separate from presence (derived from both hubs'
/// connection registries): only the user's last game connection going counts as a player being lost.
/// </summary>
public sealed class PlayerConnections
{
    private readonly Dictionary<string, Guid> _userOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _awaiting = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, HashSet<string>> _byUser = [];
    private long _seq;

    public void Connected(Guid userId, string connectionId)
    {
        _userOf[connectionId] = userId;
        if (!_byUser.TryGetValue(userId, out var set))
        {
            _byUser[userId] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(connectionId);
    }

    /// <summary>Forgets a connection; true when it was known and was the user's last.</summary>
    public bool Disconnected(string connectionId, out Guid userId)
    {
        return ForgetLocked(connectionId, out userId);
    }

    public IReadOnlyCollection<string> ConnectionsOf(Guid userId)
    {
        return _byUser.TryGetValue(userId, out var set) ? [.. set] : [];
    }

    /// <summary>The answer to <c>Ping {seq}</c>; an answer to an older ping, or from a connection already lost, counts for nothing.</summary>
    public void Pong(string connectionId, long seq)
    {
        if (_awaiting.TryGetValue(connectionId, out var expected) && expected == seq)
        {
            _awaiting.Remove(connectionId);
        }
    }

    /// <summary>
    /// One heartbeat: connections still owing the previous answer are lost (and forgotten); every other
    /// one is owed an answer to a new ping.
    /// </summary>
    public HeartbeatRound Beat()
    {
        var lostUsers = new List<Guid>();
        var lostConnections = new List<LostConnection>();
        foreach (var connectionId in _awaiting.Keys.ToList())
        {
            var wasLast = ForgetLocked(connectionId, out var userId);
            lostConnections.Add(new LostConnection(connectionId, userId));
            if (wasLast)
            {
                lostUsers.Add(userId);
            }
        }

        var seq = ++_seq;
        var pinged = _userOf.Keys.ToList();
        foreach (var connectionId in pinged)
        {
            _awaiting[connectionId] = seq;
        }

        return new HeartbeatRound(seq, pinged, lostConnections, lostUsers);
    }

    private bool ForgetLocked(string connectionId, out Guid userId)
    {
        _awaiting.Remove(connectionId);
        if (!_userOf.Remove(connectionId, out userId))
        {
            return false;
        }

        if (_byUser.TryGetValue(userId, out var set) && set.Remove(connectionId) && set.Count == 0)
        {
            _byUser.Remove(userId);
            return true;
        }

        return false;
    }
}

/// <param name="Pinged">Connections to send <c>Ping {Seq}</c>.</param>
/// <param name="LostConnections">Connections that did not answer the previous ping.</param>
/// <param name="LostUsers">Users whose last game connection was among them.</param>
public sealed record HeartbeatRound(long Seq, IReadOnlyList<string> Pinged, IReadOnlyList<LostConnection> LostConnections, IReadOnlyList<Guid> LostUsers);

public sealed record LostConnection(string ConnectionId, Guid UserId);
