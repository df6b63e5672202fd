using Transcendence.Application.GameServer;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// The cluster's view of its games: which instance owns each open room (the one that opened it, for its
/// whole life), each user's seat as a player (at most one room, cluster-wide), the rooms each user watches,
/// the one matchmaking queue per mode, and the live games every instance runs. One instance alone keeps it
/// in its memory; several (scale-out) keep it in Redis, where a dead instance's entries are forgotten once
/// its alive lease has lapsed (<see cref="ForgetDeadOwnersAsync"/>).
/// </summary>
/// <remarks>
/// The writes named like events (<see cref="RoomOpened"/> … <see cref="PublishLiveGames"/>) are made from the
/// game loop's thread and never wait: in-process they run under a lock, in Redis they are sent without
/// waiting for the reply, in order on the one connection, so a later read from this instance sees them.
/// </remarks>
public interface IGameDirectory
{
    /// <summary>This instance's name: the owner recorded for the rooms it opens.</summary>
    string InstanceId { get; }

    /// <summary>
    /// Claims the oldest waiting entry of <paramref name="mode"/> whose host is neither the caller nor one of
    /// <paramref name="excluded"/> (the users the caller blocks or is blocked by) and points the caller's seat at
    /// it (<see cref="QueueTicket.Matched"/>), or else lists <paramref name="preparedRoomId"/> (owned by this
    /// instance) as waiting and seats the caller in it (<see cref="QueueTicket.Opened"/>) — all at once, so each
    /// waiting entry is claimed once. <see cref="QueueTicket.Busy"/>, changing nothing, when the caller holds a seat.
    /// The token counts only before the change is made: once it may have been, its answer comes back (a seat given to
    /// a caller who stopped listening could never be released); the same holds for <see cref="TryTakeSeatAsync"/>.
    /// </summary>
    Task<QueueTicket> JoinQueueAsync(Guid userId, GameMode mode, Guid preparedRoomId, IReadOnlyCollection<Guid> excluded, CancellationToken cancellationToken);

    /// <summary>Seats the user in the room; true when the seat was free or already this room (false: seated elsewhere).</summary>
    Task<bool> TryTakeSeatAsync(Guid userId, Guid roomId, string owner, CancellationToken cancellationToken);

    /// <summary>The room the user holds a seat in, if any.</summary>
    Task<RoomPlace?> SeatOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The rooms the user belongs to: their seat, if any, then the rooms they watch.</summary>
    Task<IReadOnlyList<RoomPlace>> RoomsOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The instance that owns the room; null when no open room has that id. Owners never change, so a found one is
    /// cached: for another instance's room that closed since, the answer may still name its owner (who knows it is gone).
    /// </summary>
    ValueTask<string?> OwnerOfAsync(Guid roomId, CancellationToken cancellationToken);

    /// <summary>This instance opened the room (it owns it).</summary>
    void RoomOpened(Guid roomId);

    /// <summary>The room closed: forgets it and its queue entry, if it was waiting.</summary>
    void RoomClosed(Guid roomId);

    /// <summary>Frees the user's seat, only if it is still <paramref name="roomId"/>.</summary>
    void ReleaseSeat(Guid userId, Guid roomId);

    /// <summary>The user started or stopped watching the room (owned by this instance).</summary>
    void Watching(Guid userId, Guid roomId, bool watching);

    /// <summary>This instance's live games, replacing its previous snapshot (which expires with its lease).</summary>
    void PublishLiveGames(IReadOnlyList<LiveGame> games);

    /// <summary>The live games the other instances published last (not this one's).</summary>
    Task<IReadOnlyList<LiveGame>> OtherInstancesLiveGamesAsync(CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="instanceIds"/> whose alive lease has lapsed.</summary>
    Task<IReadOnlyCollection<string>> DeadAmongAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>Forgets the seats, rooms, queue entries, watchers and snapshot of every owner whose lease lapsed (idempotent; any instance may run it).</summary>
    Task ForgetDeadOwnersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether the directory lost this instance's part (its rooms, their players' seats, its queue entries, its
    /// watchers): Redis came back empty, or another instance forgot it as a dead owner's while it lived on. Then the
    /// owner gives it all again (<see cref="Restate"/>). One cheap read; false while it cannot tell (Redis is down).
    /// </summary>
    Task<bool> MustRestateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes this instance's part again, all at once, from its lobby's answer (<see cref="GameLobby.OwnRooms"/>):
    /// each room's owner, its players' seats (a seat that points elsewhere is left alone), its watchers, and the
    /// waiting rooms back in their queue in the order given (a waiting room whose host's seat points elsewhere is not).
    /// Idempotent: what is there already stays as it is. From the game loop's thread, like the writes above (so it
    /// lines up with them), never waiting.
    /// </summary>
    void Restate(IReadOnlyList<OwnedRoom> rooms);
}

/// <summary>
/// A room this instance owns, as <see cref="IGameDirectory.Restate"/> writes it again: its players (host first), its
/// spectators, and the mode whose queue it waits in (null when it does not wait there).
/// </summary>
public sealed record OwnedRoom(Guid RoomId, IReadOnlyList<Guid> Players, IReadOnlyList<Guid> Spectators, GameMode? WaitingIn);

/// <summary>A room and the instance that owns it.</summary>
public sealed record RoomPlace(Guid RoomId, string Owner);

/// <summary>What <see cref="IGameDirectory.JoinQueueAsync"/> did.</summary>
public abstract record QueueTicket
{
    private QueueTicket() { }

    /// <summary>The caller already holds a seat: nothing changed.</summary>
    public sealed record Busy : QueueTicket;

    /// <summary>Nobody suitable was waiting: the prepared room is listed as waiting and the caller holds its seat.</summary>
    public sealed record Opened : QueueTicket;

    /// <summary>The caller claimed <paramref name="HostId"/>'s waiting room and now holds a seat in it.</summary>
    public sealed record Matched(Guid RoomId, string Owner, Guid HostId) : QueueTicket;
}
