using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer.Remote;

/// <summary>
/// This instance's side of the rooms other instances own. It tells a room's owner when a user's first game
/// connection here enters the room's group and when their last one here leaves it (the owner decides from that
/// whether a member is lost: <see cref="GameLobby.AudienceChanged"/>); it lets a player's paddle inputs go straight
/// to the owner once the owner has accepted one; and once a second (scaled out) it watches the instances involved:
/// dead instances holding members of this one's rooms count as holding nobody, rooms whose owner died end here
/// for their members with <c>GameEnded</c> reason <c>instance_lost</c> (nothing is stored: the owner stored only
/// games it had finished), dead owners' places are forgotten, this instance's own part is written again when the
/// directory lost it (Redis restarted empty, or it was forgotten as dead while alive), and its live games are published.
/// </summary>
/// <remarks>
/// One worker does all of it in order (group changes are queued by the hub's registry under its lock and must
/// never wait), so what it keeps needs no lock; only the steering map is read by hub calls.
/// </remarks>
public sealed partial class RemoteRooms(
    GameRooms rooms, GameLoop loop, IGameDirectory directory, IGameTransport transport, TimeProvider clock, ILogger<RemoteRooms> logger)
{
    /// <summary>How often the instances in play are checked and the live games published.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    // Rooms of other instances with members' connections here: owner, and the users held here.
    private readonly Dictionary<Guid, (string Owner, HashSet<Guid> Users)> _held = [];

    // Players of other instances' rooms whose inputs the owner has accepted: sent on without asking.
    private readonly ConcurrentDictionary<(Guid UserId, Guid RoomId), string> _steering = new();
    private Task _running = Task.CompletedTask;
    private ITimer? _timer;

    public void Start()
    {
        _running = Task.Run(RunAsync);
        if (rooms.ScaledOut)
        {
            _timer = clock.CreateTimer(static state => ((RemoteRooms)state!)._work.Writer.TryWrite(Work.Watch), this, WatchInterval, WatchInterval);
        }
    }

    public async Task StopAsync()
    {
        _timer?.Dispose();
        _work.Writer.TryComplete();
        await _running;
    }

    /// <summary>
    /// The user's first connection here entered the room's group (<paramref name="present"/>), or their last one
    /// here left it. Called by the game hub's registry under its lock: only queued.
    /// </summary>
    public void MemberChanged(Guid roomId, Guid userId, bool present) => _work.Writer.TryWrite(new Work(roomId, userId, present));

    /// <summary>Sends a player's input straight to the owner of their room on another instance, once it accepted one; false otherwise.</summary>
    public bool TrySteer(Guid userId, Guid roomId, PaddleInput input)
    {
        if (!_steering.TryGetValue((userId, roomId), out var owner))
        {
            return false;
        }

        rooms.Tell(owner, new Steer(roomId, userId, input));
        return true;
    }

    /// <summary>The owner accepted an input of this player: the next ones go straight to it.</summary>
    public void MaySteer(Guid userId, Guid roomId, string owner)
    {
        if (owner != rooms.Here)
        {
            _steering[(userId, roomId)] = owner;
        }
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                if (work == Work.Watch)
                {
                    await WatchAsync();
                }
                else
                {
                    await ChangedAsync(work);
                }
            }
            catch (Exception ex)
            {
                LogWorkFailed(ex);
            }
        }
    }

    private async Task ChangedAsync(Work change)
    {
        if (!change.Present)
        {
            _steering.TryRemove((change.UserId, change.RoomId), out _);
            if (_held.TryGetValue(change.RoomId, out var was))
            {
                if (was.Users.Remove(change.UserId) && was.Users.Count == 0)
                {
                    _held.Remove(change.RoomId);
                }

                rooms.Tell(was.Owner, new AudienceChange(change.RoomId, change.UserId, Present: false));
            }

            return;
        }

        // Owners never change, and the room's own instance counts its connections itself.
        var owner = await directory.OwnerOfAsync(change.RoomId, CancellationToken.None);
        if (owner is null || owner == rooms.Here)
        {
            return;
        }

        if (!_held.TryGetValue(change.RoomId, out var held))
        {
            _held[change.RoomId] = held = (owner, []);
        }

        held.Users.Add(change.UserId);
        rooms.Tell(owner, new AudienceChange(change.RoomId, change.UserId, Present: true));
    }

    private async Task WatchAsync()
    {
        var away = await loop.AskAsync(lobby => lobby.AwayInstances());
        var owners = _held.Values.Select(h => h.Owner);
        var watched = away.Concat(owners).Distinct(StringComparer.Ordinal).ToList();
        var dead = watched.Count == 0 ? [] : await directory.DeadAmongAsync(watched, CancellationToken.None);
        foreach (var instance in dead)
        {
            LogInstanceDead(instance);
            rooms.InstanceDied(instance);
            await loop.InstanceLostAsync(instance);
        }

        foreach (var (roomId, held) in _held.Where(h => dead.Contains(h.Value.Owner)).ToList())
        {
            EndHere(roomId, held.Users);
            _held.Remove(roomId);
        }

        await directory.ForgetDeadOwnersAsync(CancellationToken.None);
        if (await directory.MustRestateAsync(CancellationToken.None))
        {
            // Written from the loop's thread, so it lines up with the lobby's own writes before and after it.
            await loop.AskAsync(lobby =>
            {
                directory.Restate(lobby.OwnRooms());
                return true;
            });
        }

        directory.PublishLiveGames(await loop.AskAsync(lobby => lobby.LiveGames()));
    }

    /// <summary>The room's owner died: its game is over for the members here, with no result (it had none to store).</summary>
    private void EndHere(Guid roomId, HashSet<Guid> users)
    {
        foreach (var user in users)
        {
            _steering.TryRemove((user, roomId), out _);
        }

        _ = transport.ToRoomAsync(roomId, GameEvents.GameEnded, GameEndedEvent.InstanceLost(roomId), []);
        _ = transport.EmptyRoomHereAsync(roomId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Instance} is gone (its lease lapsed): its rooms end, its players' seats are freed")]
    private partial void LogInstanceDead(string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keeping other instances' rooms up to date failed; it goes on")]
    private partial void LogWorkFailed(Exception exception);

    private sealed record Work(Guid RoomId, Guid UserId, bool Present)
    {
        public static readonly Work Watch = new(Guid.Empty, Guid.Empty, false);
    }
}
