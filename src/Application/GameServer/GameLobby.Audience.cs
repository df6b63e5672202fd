using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>
/// Who hears each room from other instances. A member's game connections may be on any instance; each instance
/// tells a room's owner when a member's first connection there enters the room's group and when their last one
/// leaves it (<see cref="AudienceChanged"/>). A member is lost to the room only when no instance holds them: not
/// this one (the game server's own connections) and none of the others.
/// </summary>
public sealed partial class GameLobby
{
    // Per room, the members other instances hold game connections of, and which instances.
    private readonly Dictionary<Guid, Dictionary<Guid, HashSet<string>>> _away = [];

    /// <summary>The room's members other instances hold connections of: its <c>State</c> crosses instances for them only.</summary>
    private IReadOnlyCollection<Guid> HeldElsewhere(Guid roomId) => _away.TryGetValue(roomId, out var members) ? [.. members.Keys] : [];

    /// <summary>The instances that hold a member of a room of this one's (their liveness is watched).</summary>
    public IReadOnlyCollection<string> AwayInstances() =>
        [.. _away.Values.SelectMany(members => members.Values).SelectMany(instances => instances).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="instance"/> holds a game connection of the member in the room's group now
    /// (<paramref name="present"/>), or no longer. A player back within the grace takes their seat again; a member
    /// no instance holds any more (<paramref name="heldHere"/>: whether this one does) is lost to the room.
    /// </summary>
    public IReadOnlyList<GameEffect> AudienceChanged(Guid roomId, Guid userId, string instance, bool present, bool heldHere)
    {
        var effects = new List<GameEffect>();
        if (!_rooms.TryGetValue(roomId, out var room) || !(room.IsPlayer(userId) || room.IsSpectator(userId)))
        {
            return effects;
        }

        if (present)
        {
            if (!_away.TryGetValue(roomId, out var members))
            {
                _away[roomId] = members = [];
            }

            if (!members.TryGetValue(userId, out var instances))
            {
                members[userId] = instances = new HashSet<string>(StringComparer.Ordinal);
            }

            instances.Add(instance);
            if (room.IsPlayer(userId))
            {
                room.Reconnect(userId, clock.GetUtcNow());
                Publish(room, effects);
            }
        }
        else if (ForgetAway(roomId, userId, instance) && !heldHere)
        {
            LostTo(room, userId, effects);
        }

        return effects;
    }

    /// <summary>A dead instance holds nobody: each member it held and no other instance does is lost to their room.</summary>
    public IReadOnlyList<GameEffect> InstanceLost(string instance, Func<Guid, bool> heldHere)
    {
        var effects = new List<GameEffect>();
        foreach (var (roomId, members) in _away.ToList())
        {
            foreach (var (userId, instances) in members.ToList())
            {
                if (instances.Contains(instance))
                {
                    effects.AddRange(AudienceChanged(roomId, userId, instance, present: false, heldHere(userId)));
                }
            }
        }

        return effects;
    }

    /// <summary>The room's state as its members see it, for a connection that joined its group on another instance.</summary>
    public RoomUpdatedEvent View(Guid roomId) => RoomUpdatedEvent.Of(Get(roomId));

    private bool HeldAway(Guid roomId, Guid userId) => _away.TryGetValue(roomId, out var members) && members.ContainsKey(userId);

    /// <summary>
    /// Forgets that <paramref name="instance"/> (any instance, when null) holds the member; true when no other
    /// instance holds them now.
    /// </summary>
    private bool ForgetAway(Guid roomId, Guid userId, string? instance = null)
    {
        if (!_away.TryGetValue(roomId, out var members) || !members.TryGetValue(userId, out var instances))
        {
            return instance is not null;
        }

        if (instance is not null && (!instances.Remove(instance) || instances.Count > 0))
        {
            return false;
        }

        members.Remove(userId);
        if (members.Count == 0)
        {
            _away.Remove(roomId);
        }

        return true;
    }

    /// <summary>The member is gone from the room's audience: a spectator stops watching; a player's seat is held for the grace.</summary>
    private void LostTo(Room room, Guid userId, List<GameEffect> effects)
    {
        if (room.IsSpectator(userId))
        {
            StopWatching(room, userId, effects);
        }
        else if (room.IsPlayer(userId))
        {
            room.Disconnect(userId, clock.GetUtcNow(), options.ReconnectGrace);
            Publish(room, effects);
        }
    }
}
