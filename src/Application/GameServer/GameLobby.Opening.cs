using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>
/// How rooms open when the cluster's directory has a say (<see cref="IGameDirectory"/>): a queue room or an
/// invitation is prepared here first — created, heard of by nobody — then opened once the directory listed it or
/// seated its host, or discarded; a guest the queue matched into a prepared room opens it. And what the directory
/// must hold of this instance, should it lose it (<see cref="OwnRooms"/>).
/// </summary>
public sealed partial class GameLobby
{
    /// <summary>
    /// What the directory must hold of this instance (<see cref="IGameDirectory.Restate"/>): every open room (not the
    /// prepared ones nobody has heard of), oldest first, with its players (host first), its spectators, and the mode
    /// whose queue it waits in, if it does.
    /// </summary>
    public IReadOnlyList<OwnedRoom> OwnRooms()
    {
        return [.. _rooms.Values
            .Where(r => !_unlisted.Contains(r.Id))
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id)
            .Select(r => new OwnedRoom(
                r.Id,
                [.. r.Players.Select(p => p.Id)],
                [.. r.Spectators.Select(s => s.Id)],
                r is { Kind: RoomKind.Queue, Phase: RoomPhase.Waiting } ? r.Mode : null))];
    }

    /// <summary>
    /// Opens a queue room for <paramref name="caller"/> that nobody hears of yet: the cluster's queue
    /// (<see cref="IGameDirectory.JoinQueueAsync"/>) then lists it (<see cref="Open"/>) or matches the caller into
    /// another room (<see cref="Discard"/>). Opened before it is listed, so a guest matched into it finds it here.
    /// </summary>
    public Guid PrepareQueue(PlayerRef caller, GameMode mode)
    {
        EnsureFree(caller.Id);
        return Prepare(Room.OpenQueue(caller, mode, clock.GetUtcNow()));
    }

    /// <summary>
    /// A prepared room is open: the directory knows it, its host joins its group and hears of it. Nothing when it
    /// is open already (a guest matched into it opened it first).
    /// </summary>
    public IReadOnlyList<GameEffect> Open(Guid roomId)
    {
        var effects = new List<GameEffect>();
        if (_rooms.TryGetValue(roomId, out var room))
        {
            Open(room, effects);
        }

        return effects;
    }

    /// <summary>A prepared room that will not open: gone without a word (its seat was never taken for it).</summary>
    public IReadOnlyList<GameEffect> Discard(Guid roomId)
    {
        if (_unlisted.Remove(roomId) && _rooms.Remove(roomId, out var room))
        {
            room.TakeEvents();
            ForgetPlayerRoom(room.Host.Id, room.Id);
        }

        return [];
    }

    /// <summary>
    /// The queue matched <paramref name="caller"/> into this waiting room (its entry is gone from the queue, the
    /// caller's seat points here). <paramref name="blocks"/>: the caller's, loaded now: the room checks them again.
    /// </summary>
    public IReadOnlyList<GameEffect> JoinQueued(PlayerRef caller, Guid roomId, BlockState blocks)
    {
        var room = Get(roomId);
        if (_playerRoom.TryGetValue(caller.Id, out var current) && current != roomId)
        {
            throw GameErrors.Busy();
        }

        var effects = new List<GameEffect>();
        Open(room, effects);
        room.Join(caller, blocks);
        SetPlayerRoom(caller.Id, room.Id);
        effects.Add(new JoinRoomGroup(caller.Id, room.Id));
        Publish(room, effects);
        return effects;
    }

    /// <summary>Leaves the caller's waiting queue room, if they have one; nothing otherwise.</summary>
    public IReadOnlyList<GameEffect> LeaveQueue(Guid userId)
    {
        var effects = new List<GameEffect>();
        if (_playerRoom.TryGetValue(userId, out var roomId)
            && _rooms[roomId] is { Kind: RoomKind.Queue, Phase: RoomPhase.Waiting } room)
        {
            room.Leave(room.Host.Id, clock.GetUtcNow());
            Publish(room, effects);
        }

        return effects;
    }

    /// <summary>
    /// Opens an invitation nobody hears of yet: it opens (<see cref="Open"/>) once the host's seat is theirs in the
    /// cluster, else it is discarded. <paramref name="blocks"/>: the host's, loaded for the guest.
    /// </summary>
    public Guid PrepareInvite(PlayerRef host, PlayerRef guest, BlockState blocks, GameMode mode)
    {
        EnsureFree(host.Id);
        return Prepare(Room.OpenInvitation(host, guest, blocks, mode, clock.GetUtcNow()));
    }

    /// <summary>A room opened here but not yet listed: nobody hears of it until <see cref="Open"/>.</summary>
    private Guid Prepare(Room room)
    {
        _rooms[room.Id] = room;
        _unlisted.Add(room.Id);
        SetPlayerRoom(room.Host.Id, room.Id);
        return room.Id;
    }

    private void Open(Room room, List<GameEffect> effects)
    {
        if (_unlisted.Remove(room.Id))
        {
            directory.RoomOpened(room.Id);
            effects.Add(new JoinRoomGroup(room.Host.Id, room.Id));
            Publish(room, effects);
        }
    }
}
