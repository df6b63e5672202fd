using Transcendence.Application.Games;
using Transcendence.Domain.Games;

namespace Transcendence.Web.Hosting;

/// <summary>
/// The one game loop: every live room on one shared 60 Hz schedule, on the app's <see cref="TimeProvider"/>.
/// Tick n is due at start + n/60 s and runs with that time as its "now", so the schedule never drifts; a
/// late wake runs the missed ticks (at most <see cref="MaxCatchUpTicks"/>, the older ones are dropped).
/// Once a second it also closes waiting rooms that have waited <c>Game:QueueTimeout</c>. Nothing here
/// waits on a socket or the store: effects are posted to the <see cref="GameOutbox"/>. Every tick's lateness
/// (when it started to run − its due time) goes to <see cref="GameLoopMetrics"/>.
/// </summary>
public sealed partial class GameLoop(GameLobby lobby, GameOutbox outbox, GameLoopMetrics metrics, TimeProvider clock, ILogger<GameLoop> logger)
    : BackgroundService
{
    /// <summary>Two seconds of play: a longer stall skips ahead instead of replaying it in a burst.</summary>
    public const int MaxCatchUpTicks = 2 * PongGame.TicksPerSecond;

    private static readonly TimeSpan Period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / PongGame.TicksPerSecond);
    private static readonly TimeSpan ExpiryCadence = TimeSpan.FromSeconds(1);

    private PeriodicTimer? _timer;
    private DateTimeOffset _start;

    /// <summary>The schedule starts with the host, not whenever <see cref="ExecuteAsync"/> gets a thread.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _start = clock.GetUtcNow();
        _timer = new PeriodicTimer(Period, clock);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = _start;
        var done = 0L;
        var nextExpiry = start + ExpiryCadence;
        var timer = _timer!;
        while (await timer.WaitForNextTickAsync(stoppingToken))
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
                    var dueAt = start + TimeSpan.FromTicks(done * TimeSpan.TicksPerSecond / PongGame.TicksPerSecond);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The game loop fell behind; {Count} ticks were dropped")]
    private partial void LogTicksDropped(long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A game tick failed; the loop goes on")]
    private partial void LogTickFailed(Exception exception);
}
