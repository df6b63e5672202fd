using Transcendence.Application.Games;
using Transcendence.Domain.Games;

namespace Transcendence.Web.Hosting;

/// <summary>
/// The one game loop: every live room on one shared 60 Hz schedule, on the app's <see cref="TimeProvider"/>.
/// Tick n is due at start + n/60 s and runs with that time as its "now", so the schedule never drifts; the
/// loop sleeps until the next tick is due (not on a periodic timer: the system clock truncates its period
/// to whole milliseconds). A late wake runs the missed ticks (at most <see cref="MaxCatchUpTicks"/>, the
/// older ones are dropped). Once a second it also closes waiting rooms that have waited <c>Game:QueueTimeout</c>. Nothing here
/// waits on a socket or the store: effects are posted to the <see cref="GameOutbox"/>. Every tick's lateness
/// (when it started to run − its due time) goes to <see cref="GameLoopMetrics"/>.
/// </summary>
public sealed partial class GameLoop(
    GameLobby lobby,
    GameOutbox outbox,
    IGameTransport transport,
    IHostApplicationLifetime lifetime,
    GameLoopMetrics metrics,
    TimeProvider clock,
    ILogger<GameLoop> logger)
    : BackgroundService
{
    /// <summary>Two seconds of play: a longer stall skips ahead instead of replaying it in a burst.</summary>
    public const int MaxCatchUpTicks = 2 * PongGame.TicksPerSecond;

    private static readonly TimeSpan ExpiryCadence = TimeSpan.FromSeconds(1);

    /// <summary>How long the shutdown waits for the last <c>GameEnded</c> sends before SignalR closes the connections.</summary>
    private static readonly TimeSpan ShutdownSendWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A finished send is only in the connection's outgoing pipe; SignalR then aborts every connection, which
    /// drops what its transport has not written yet. A short pause lets those last bytes reach the wire.
    /// </summary>
    private static readonly TimeSpan ShutdownDrain = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset _start;

    /// <summary>The schedule starts with the host, not whenever <see cref="ExecuteAsync"/> gets a thread.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _start = clock.GetUtcNow();
        // SignalR closes every connection when the host starts stopping, before any hosted service stops;
        // callbacks run last registered first, so this one (registered after the hubs were mapped) ends the
        // games and sends their GameEnded while the players are still connected.
        lifetime.ApplicationStopping.Register(EndGamesForShutdown);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Live games end with <c>GameEnded</c> reason <c>shutdown</c>; their other effects go to the pump.</summary>
    private void EndGamesForShutdown()
    {
        var effects = lobby.Shutdown();
        var sends = effects.OfType<SendToRoom>()
            .Select(send => transport.ToRoomAsync(send.RoomId, send.EventName, send.Payload, CancellationToken.None))
            .ToArray();
        outbox.Post([.. effects.Where(effect => effect is not SendToRoom)]);
        try
        {
            Task.WaitAll(sends, ShutdownSendWait);
            if (sends.Length > 0)
            {
                Thread.Sleep(ShutdownDrain);
            }
        }
        catch (AggregateException ex)
        {
            LogShutdownSendFailed(ex);
        }
    }

    /// <summary>
    /// The loop stops first; then any game still in countdown or play (one started after the stopping signal)
    /// ends with <c>GameEnded</c> reason <c>shutdown</c> (the effects pump, stopped after this, delivers it).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        outbox.Post(lobby.Shutdown());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = _start;
        var done = 0L;
        var nextExpiry = start + ExpiryCadence;
        while (await WaitUntilAsync(DueAt(start, done + 1), stoppingToken))
        {
            try
            {
                var now = clock.GetUtcNow();
                var due = (now - start).Ticks * PongGame.TicksPerSecond / TimeSpan.TicksPerSecond;
                if (due - done > MaxCatchUpTicks)
                {
                    LogTicksDropped(due - done - MaxCatchUpTicks);
                    metrics.TicksDropped(due - done - MaxCatchUpTicks);
                    done = due - MaxCatchUpTicks;
                }

                var effects = new List<GameEffect>();
                while (done < due)
                {
                    done++;
                    var dueAt = DueAt(start, done);
                    metrics.TickRan(clock.GetUtcNow() - dueAt);
                    effects.AddRange(lobby.Tick(dueAt));
                }

                if (now >= nextExpiry)
                {
                    effects.AddRange(lobby.ExpireWaiting(now));
                    nextExpiry = now + ExpiryCadence;
                }

                outbox.Post(effects);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(ex);
            }
        }
    }

    private static DateTimeOffset DueAt(DateTimeOffset start, long tick) =>
        start + TimeSpan.FromTicks(tick * TimeSpan.TicksPerSecond / PongGame.TicksPerSecond);

    /// <summary>
    /// Sleeps until <paramref name="when"/>; false once the host stops. Timers count whole milliseconds and
    /// drop the rest (a periodic 1/60 s timer fires every 16 ms, running ticks up to 16 ms late), so the wait
    /// is rounded up: a wake never comes before the tick is due, and at most a millisecond after.
    /// </summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset when, CancellationToken stoppingToken)
    {
        var wait = when - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return !stoppingToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling players that their games ended for the shutdown failed")]
    private partial void LogShutdownSendFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The game loop fell behind; {Count} ticks were dropped")]
    private partial void LogTicksDropped(long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A game tick failed; the loop goes on")]
    private partial void LogTickFailed(Exception exception);
}
