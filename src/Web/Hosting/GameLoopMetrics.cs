using System.Diagnostics.Metrics;
using Transcendence.Application.Games;

namespace Transcendence.Web.Hosting;

/// <summary>
/// What the <see cref="GameLoop"/> reports about itself: the <c>Transcendence.Game</c> meter (tick lateness
/// histogram in ms, ticks run, ticks dropped, playing rooms) for any metrics listener, and a resettable
/// <see cref="TickLatenessHistogram"/> window that the opt-in diagnostics endpoint reads.
/// </summary>
public sealed class GameLoopMetrics
{
    public const string MeterName = "Transcendence.Game";

    private readonly GameLobby _lobby;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _dropped;
    private Window _window = new();

    public GameLoopMetrics(IMeterFactory meters, GameLobby lobby)
    {
        _lobby = lobby;
        var meter = meters.Create(MeterName);
        _lateness = meter.CreateHistogram<double>("transcendence.game.tick.lateness", "ms", "How late each game tick ran against its due time (start + n/60 s)");
        _ticks = meter.CreateCounter<long>("transcendence.game.ticks", "{tick}", "Game ticks run");
        _dropped = meter.CreateCounter<long>("transcendence.game.ticks.dropped", "{tick}", "Game ticks skipped after a stall longer than the catch-up bound");
        meter.CreateObservableGauge("transcendence.game.rooms.playing", lobby.CountPlaying, "{room}", "Rooms in play");
    }

    /// <summary>One tick ran <paramref name="lateness"/> after its due time.</summary>
    public void TickRan(TimeSpan lateness)
    {
        Volatile.Read(ref _window).Lateness.Record(lateness);
        _ticks.Add(1);
        if (_lateness.Enabled)
        {
            _lateness.Record(lateness.TotalMilliseconds);
        }
    }

    public void TicksDropped(long count)
    {
        var window = Volatile.Read(ref _window);
        Interlocked.Add(ref window.Dropped, count);
        _dropped.Add(count);
    }

    /// <summary>The figures since the last <see cref="Reset"/> (or since start).</summary>
    public GameLoopSnapshot Snapshot()
    {
        var window = Volatile.Read(ref _window);
        var lateness = window.Lateness;
        return new GameLoopSnapshot(
            lateness.Count,
            _lobby.CountPlaying(),
            new LatenessSnapshot(lateness.Percentile(50), lateness.Percentile(99), lateness.Percentile(99.9), lateness.MaxMilliseconds),
            Interlocked.Read(ref window.Dropped));
    }

    /// <summary>Starts a new window: the loop records into a fresh histogram from its next tick.</summary>
    public void Reset() => Volatile.Write(ref _window, new Window());

    private sealed class Window
    {
        public readonly TickLatenessHistogram Lateness = new();
        public long Dropped;
    }
}

public sealed record GameLoopSnapshot(long Ticks, int PlayingRooms, LatenessSnapshot LatenessMs, long DroppedTicks);

public sealed record LatenessSnapshot(double P50, double P99, double P999, double Max);
