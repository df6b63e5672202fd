using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;

namespace Transcendence.Application.GameServer;

/// <summary>
/// The game server: one loop on one dedicated thread owns every live room, the queue, invitations and the
/// players' connections with their heartbeat (<see cref="GameLobby"/>, <see cref="PlayerConnections"/>).
/// Nothing else touches them: hub calls post to its bounded inbox and await the reply
/// (<see cref="AskAsync{T}"/>, <see cref="ChangeAsync{T}"/>); other threads read only the snapshots the loop
/// publishes.
/// </summary>
/// <remarks>
/// Each turn: drain the inbox, at most <c>Game:InboxBudget</c> messages (a flood cannot push a tick back by
/// more than one budget's work); run every tick that is due (tick n at start + n/60 s, on the app's
/// <see cref="TimeProvider"/>, with that time as its "now", so the schedule never drifts; after a stall at
/// most <see cref="MaxCatchUpTicks"/>, the older ones are dropped); close the waiting rooms past
/// <c>Game:QueueTimeout</c> once a second; beat the heartbeat every <c>Game:HeartbeatInterval</c>. What
/// happened goes to the <see cref="IGameTransport"/> without waiting on any socket, and slow work (storing a
/// match, presence) to <see cref="GameFollowUps"/>. Then the thread sleeps until the next due time or the
/// next message, whichever comes first. Every tick's lateness (when it started to run − its due time) goes
/// to <see cref="GameLoopMetrics"/>.
/// </remarks>
public sealed partial class GameLoop : IDisposable
{
    /// <summary>Two seconds of play: a longer stall skips ahead instead of replaying it in a burst.</summary>
    public const int MaxCatchUpTicks = 2 * PongGame.TicksPerSecond;

    /// <summary>Messages waiting beyond this make their senders wait (each hub connection has one call in flight).</summary>
    public const int InboxCapacity = 16_384;

    private static readonly TimeSpan ExpiryCadence = TimeSpan.FromSeconds(1);

    private readonly GameLobby _lobby;
    private readonly PlayerConnections _connections;
    private readonly IGameTransport _transport;
    private readonly GameLoopMetrics _metrics;
    private readonly GameOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<GameLoop> _logger;
    private readonly Channel<InboxMessage> _inbox =
        Channel.CreateBounded<InboxMessage>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly Channel<object> _followUps = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AutoResetEvent _wake = new(false);
    private readonly ITimer _timer;
    private readonly Action<Task, object?> _observeSend;
    private Thread? _thread;
    private DateTimeOffset _start;
    private volatile bool _stopping;
    private int _sleeping;

    public GameLoop(
        GameLobby lobby,
        PlayerConnections connections,
        IGameTransport transport,
        GameLoopMetrics metrics,
        GameOptions options,
        TimeProvider clock,
        ILogger<GameLoop> logger)
    {
        _lobby = lobby;
        _connections = connections;
        _transport = transport;
        _metrics = metrics;
        _options = options;
        _clock = clock;
        _logger = logger;
        _timer = clock.CreateTimer(static state => ((AutoResetEvent)state!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _observeSend = (task, what) => LogSendFailed(task.Exception!.InnerException ?? task.Exception, (string)what!);
    }

    /// <summary>What leaves the loop as slow work: <see cref="StoreMatch"/>s and <see cref="FollowUp"/> commands, in order.</summary>
    public ChannelReader<object> FollowUps => _followUps.Reader;

    /// <summary>The schedule starts now: tick n is due at this moment + n/60 s, the first heartbeat one interval later.</summary>
    public void Start()
    {
        _start = _clock.GetUtcNow();
        _thread = new Thread(Run) { IsBackground = true, Name = "game-server" };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the loop (it may change any live state and return effects to deliver)
    /// and answers its result, or its refusal.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<GameLobby, (T Result, IReadOnlyList<GameEffect> Effects)> work, CancellationToken cancellationToken = default)
    {
        var message = new Ask<T>(work);
        await PostAsync(message, cancellationToken);
        return await message.Reply.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the loop and delivers the effects it returns; refusals reach the caller.</summary>
    public Task ChangeAsync(Func<GameLobby, IReadOnlyList<GameEffect>> work, CancellationToken cancellationToken = default) =>
        ChangeAsync(lobby => (true, work(lobby)), cancellationToken);

    /// <summary>Runs <paramref name="work"/> on the loop, where it may read live state, and answers its result.</summary>
    public Task<T> AskAsync<T>(Func<GameLobby, T> work, CancellationToken cancellationToken = default) =>
        ChangeAsync(lobby => (work(lobby), (IReadOnlyList<GameEffect>)[]), cancellationToken);

    /// <summary>A game-hub connection opened: counted for the heartbeat, joined to its user's rooms, a held seat taken back.</summary>
    public Task ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken) =>
        ChangeAsync(lobby =>
        {
            _connections.Connected(userId, connectionId);
            return lobby.Connected(userId, connectionId);
        }, cancellationToken);

    /// <summary>A game-hub connection closed; the same path as one the heartbeat declares lost.</summary>
    public ValueTask ClosedAsync(string connectionId) => PostAsync(new Closed(connectionId), CancellationToken.None);

    /// <summary>
    /// The answer to <c>Ping {seq}</c>; nothing to reply. Posted without waking the loop: the next turn (at most
    /// one tick away, and always before the next heartbeat) takes it.
    /// </summary>
    public void AnswerPing(string connectionId, long seq) => PostQuietly(new Pong(connectionId, seq));

    /// <summary>
    /// A paddle intent from one of the room's players: posted without waking the loop and without a reply, so
    /// a player's 60 inputs a second cost a queue write each, not a wake-up of the loop's thread and a reply
    /// back through the thread pool (the game benchmark's CPU per room-tick tripled with those). The next tick
    /// applies it, as it always did. False when the user is not a player of that room in the loop's published
    /// snapshot: the caller then asks the loop itself, which answers the coded refusal.
    /// </summary>
    public bool TrySteer(Guid userId, Guid roomId, PaddleInput input)
    {
        if (!_lobby.PlaysIn(userId, roomId))
        {
            return false;
        }

        PostQuietly(new Steer(userId, roomId, input));
        return true;
    }

    /// <summary>
    /// <paramref name="instance"/> holds a game connection of the member in the room's group now, or no longer
    /// (<see cref="GameLobby.AudienceChanged"/>). Never waits: called in order from the instances' relay.
    /// </summary>
    public void AudienceChanged(Guid roomId, Guid userId, string instance, bool present) =>
        Post(new Audience(roomId, userId, instance, present));

    /// <summary>A dead instance holds nobody any more (<see cref="GameLobby.InstanceLost"/>).</summary>
    public ValueTask InstanceLostAsync(string instance) => PostAsync(new InstanceLost(instance), CancellationToken.None);

    /// <summary>An event for every game connection of these users (a stored match's <c>GameEnded</c>).</summary>
    public ValueTask AnnounceAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload) =>
        PostAsync(new Announce(new SendToUsers(userIds, eventName, payload)), CancellationToken.None);

    /// <summary>
    /// The server is stopping: every game in countdown or play ends with <c>GameEnded</c> reason <c>shutdown</c>
    /// (no result is stored), the rooms close, and the loop stops taking messages. Answers the <c>GameEnded</c>
    /// sends, so the caller can let them reach the wire before the connections close.
    /// </summary>
    public async Task<IReadOnlyList<Task>> ShutdownAsync()
    {
        if (_thread is null || _stopping)
        {
            return [];
        }

        var message = new Ask<IReadOnlyList<Task>>(lobby =>
        {
            var effects = lobby.Shutdown();
            var sends = new List<Task>();
            foreach (var effect in effects)
            {
                if (effect is SendToRoom send)
                {
                    sends.Add(_transport.ToRoomAsync(send.RoomId, send.EventName, send.Payload, send.Elsewhere));
                }
                else
                {
                    Deliver(effect);
                }
            }

            _stopping = true;
            return (sends, []);
        });
        try
        {
            await PostAsync(message, CancellationToken.None);
            return await message.Reply.Task;
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>Stops the thread (after <see cref="ShutdownAsync"/>, or without it in tests); calls still queued are refused.</summary>
    public void Stop()
    {
        _stopping = true;
        _wake.Set();
        _thread?.Join();
        _inbox.Writer.TryComplete();
        while (_inbox.Reader.TryRead(out var message))
        {
            message.Refuse(new OperationCanceledException("the game server has stopped"));
        }

        _followUps.Writer.TryComplete();
    }

    /// <remarks>
    /// The wake-up event is left to the finalizer: a writer or a timer callback that raced the disposal may
    /// still set it, and that must not throw.
    /// </remarks>
    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// Posts what can wait for the loop's next turn (it runs every tick, 60 times a second): no wake-up. A full
    /// inbox drops it; an input or a ping answer is superseded by the next one.
    /// </summary>
    private void PostQuietly(InboxMessage message) => _inbox.Writer.TryWrite(message);

    /// <summary>Posts without making the caller wait, even when the inbox is full (then it waits in the background).</summary>
    private void Post(InboxMessage message)
    {
        var posted = PostAsync(message, CancellationToken.None);
        if (!posted.IsCompletedSuccessfully)
        {
            Observe(posted.AsTask(), message.GetType().Name);
        }
    }

    private async ValueTask PostAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (!_inbox.Writer.TryWrite(message))
        {
            try
            {
                await _inbox.Writer.WriteAsync(message, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                throw new OperationCanceledException("the game server has stopped");
            }
        }

        // A full fence after the write: either the loop sees the message before it sleeps, or we see it asleep.
        if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
        {
            _wake.Set();
        }
    }

    private void Run()
    {
        var start = _start;
        var done = 0L;
        var nextExpiry = start + ExpiryCadence;
        var nextBeat = start + _options.HeartbeatInterval;
        while (!_stopping)
        {
            var handled = DrainInbox();
            try
            {
                var now = _clock.GetUtcNow();
                done = RunDueTicks(start, done, now);
                if (now >= nextExpiry)
                {
                    Deliver(_lobby.ExpireWaiting(now));
                    nextExpiry = now + ExpiryCadence;
                }

                if (now >= nextBeat)
                {
                    Beat();
                    while (nextBeat <= now)
                    {
                        nextBeat += _options.HeartbeatInterval;
                    }
                }
            }
            catch (Exception ex)
            {
                LogTickFailed(ex);
            }

            if (handled < _options.InboxBudget)
            {
                SleepUntil(Min(DueAt(start, done + 1), Min(nextExpiry, nextBeat)));
            }
        }
    }

    private int DrainInbox()
    {
        var handled = 0;
        while (handled < _options.InboxBudget && !_stopping && _inbox.Reader.TryRead(out var message))
        {
            handled++;
            try
            {
                message.Run(this);
            }
            catch (Exception ex)
            {
                LogMessageFailed(ex, message.GetType().Name);
            }
        }

        return handled;
    }

    private long RunDueTicks(DateTimeOffset start, long done, DateTimeOffset now)
    {
        var due = (now - start).Ticks * PongGame.TicksPerSecond / TimeSpan.TicksPerSecond;
        if (due - done > MaxCatchUpTicks)
        {
            LogTicksDropped(due - done - MaxCatchUpTicks);
            _metrics.TicksDropped(due - done - MaxCatchUpTicks);
            done = due - MaxCatchUpTicks;
        }

        while (done < due)
        {
            done++;
            var dueAt = DueAt(start, done);
            _metrics.TickRan(_clock.GetUtcNow() - dueAt);
            Deliver(_lobby.Tick(dueAt));
        }

        return done;
    }

    /// <summary>
    /// One heartbeat: connections still owing the previous answer are lost, through the same path as a closed
    /// one, and closed; every other one is sent a new <c>Ping</c>.
    /// </summary>
    private void Beat()
    {
        var round = _connections.Beat();
        foreach (var userId in round.LostUsers)
        {
            UserLost(userId);
        }

        foreach (var lost in round.LostConnections)
        {
            Observe(_transport.CloseAsync(lost.ConnectionId), "Close");
        }

        var ping = new PingEvent(round.Seq);
        foreach (var connectionId in round.Pinged)
        {
            Observe(_transport.ToConnectionAsync(connectionId, GameEvents.Ping, ping), GameEvents.Ping);
        }
    }

    /// <summary>
    /// The one path of a user whose last game connection is gone, closed or silent through a heartbeat: the
    /// room decides what that means by its phase.
    /// </summary>
    private void UserLost(Guid userId) => Deliver(_lobby.ConnectionLost(userId));

    /// <summary>Whether a game connection of the user is open on this instance.</summary>
    private bool HoldsHere(Guid userId) => _connections.ConnectionsOf(userId).Count > 0;

    private void SleepUntil(DateTimeOffset when)
    {
        Interlocked.Exchange(ref _sleeping, 1);
        if (!_inbox.Reader.TryPeek(out _) && !_stopping)
        {
            if (_clock == TimeProvider.System)
            {
                // The real clock: the thread's own timed wait, so a wake never waits for a thread-pool timer callback
                // (under load the pool is busy with hub calls); rounded up like a timer, never before it is due.
                var wait = when - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    _wake.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)));
                }
            }
            else if (ArmTimer(when))
            {
                _wake.WaitOne();
            }
        }

        Volatile.Write(ref _sleeping, 0);
    }

    /// <summary>
    /// Arms the wake-up for <paramref name="when"/>; false when that time has come already. A timer counts from
    /// the clock's time when it is armed, so a clock that moved meanwhile (a test's fake clock jumping ahead)
    /// gets the timer armed again from where it is now.
    /// </summary>
    private bool ArmTimer(DateTimeOffset when)
    {
        while (true)
        {
            var now = _clock.GetUtcNow();
            var wait = when - now;
            if (wait <= TimeSpan.Zero)
            {
                return false;
            }

            // Timers count whole milliseconds and drop the rest: rounded up, a wake never comes before it is due.
            _timer.Change(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
            var armed = _clock.GetUtcNow();
            if (armed >= when)
            {
                return false;
            }

            if (armed - now < TimeSpan.FromMilliseconds(1))
            {
                return true;
            }
        }
    }

    private void Deliver(IReadOnlyList<GameEffect> effects)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            Deliver(effects[i]);
        }
    }

    private void Deliver(GameEffect effect)
    {
        switch (effect)
        {
            case SendToRoom send:
                Observe(_transport.ToRoomAsync(send.RoomId, send.EventName, send.Payload, send.Elsewhere), send.EventName);
                break;
            case SendToConnection send:
                Observe(_transport.ToConnectionAsync(send.ConnectionId, send.EventName, send.Payload), send.EventName);
                break;
            case SendToUsers send:
                // The users' game connections on every instance.
                Observe(_transport.ToUsersAsync(send.UserIds, send.EventName, send.Payload), send.EventName);
                break;
            case JoinRoomGroup group:
                Observe(
                    group.Join ? _transport.AddUserToRoomAsync(group.UserId, group.RoomId) : _transport.RemoveUserFromRoomAsync(group.UserId, group.RoomId),
                    nameof(JoinRoomGroup));
                break;
            case JoinConnectionToRoom join:
                Observe(_transport.AddToRoomAsync(join.ConnectionId, join.RoomId), nameof(JoinConnectionToRoom));
                break;
            case StoreMatch or FollowUp:
                _followUps.Writer.TryWrite(effect);
                break;
        }
    }

    /// <summary>A send still in flight is not waited for; its failure is logged when it ends.</summary>
    private void Observe(Task send, string what)
    {
        if (send.IsCompletedSuccessfully)
        {
            return;
        }

        send.ContinueWith(
            _observeSend, what, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static DateTimeOffset DueAt(DateTimeOffset start, long tick) =>
        start + TimeSpan.FromTicks(tick * TimeSpan.TicksPerSecond / PongGame.TicksPerSecond);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a game event ({Event}) failed")]
    private partial void LogSendFailed(Exception exception, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The game loop fell behind; {Count} ticks were dropped")]
    private partial void LogTicksDropped(long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A game tick failed; the loop goes on")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The game server's message {Message} failed")]
    private partial void LogMessageFailed(Exception exception, string message);

    /// <summary>What waits in the inbox: run on the loop's thread, or refused when the server stops first.</summary>
    private abstract class InboxMessage
    {
        public abstract void Run(GameLoop loop);

        public virtual void Refuse(Exception reason)
        {
        }
    }

    private sealed class Ask<T>(Func<GameLobby, (T Result, IReadOnlyList<GameEffect> Effects)> work) : InboxMessage
    {
        public TaskCompletionSource<T> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(GameLoop loop)
        {
            T result;
            try
            {
                (result, var effects) = work(loop._lobby);
                loop.Deliver(effects);
            }
            catch (Exception ex)
            {
                Reply.TrySetException(ex);
                return;
            }

            Reply.TrySetResult(result);
        }

        public override void Refuse(Exception reason) => Reply.TrySetException(reason);
    }

    private sealed class Closed(string connectionId) : InboxMessage
    {
        public override void Run(GameLoop loop)
        {
            if (loop._connections.Disconnected(connectionId, out var userId))
            {
                loop.UserLost(userId);
            }
        }
    }

    private sealed class Pong(string connectionId, long seq) : InboxMessage
    {
        public override void Run(GameLoop loop) => loop._connections.Pong(connectionId, seq);
    }

    private sealed class Steer(Guid userId, Guid roomId, PaddleInput input) : InboxMessage
    {
        public override void Run(GameLoop loop)
        {
            try
            {
                loop._lobby.Input(userId, roomId, input);
            }
            catch (DomainException)
            {
                // The room moved on since the snapshot (it ended, or is not in play): an intent for nothing.
            }
        }
    }

    private sealed class Audience(Guid roomId, Guid userId, string instance, bool present) : InboxMessage
    {
        public override void Run(GameLoop loop) =>
            loop.Deliver(loop._lobby.AudienceChanged(roomId, userId, instance, present, loop.HoldsHere(userId)));
    }

    private sealed class InstanceLost(string instance) : InboxMessage
    {
        public override void Run(GameLoop loop) => loop.Deliver(loop._lobby.InstanceLost(instance, loop.HoldsHere));
    }

    private sealed class Announce(SendToUsers send) : InboxMessage
    {
        public override void Run(GameLoop loop) => loop.Deliver(send);
    }
}
