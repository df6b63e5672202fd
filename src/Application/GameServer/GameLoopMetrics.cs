using System.Diagnostics.Metrics;

namespace Transcendence.Application.GameServer;

/// <summary>
/// What the <see cref="GameLoop"/> reports about itself on the <c>Transcendence.Game</c> meter: tick lateness
/// (ms histogram, buckets fine enough for p50/p99 of a 60 Hz loop, see <see cref="LatenessBucketsMs"/>), ticks
/// run, ticks dropped and rooms in play. The OpenTelemetry SDK exports them (OTLP, Prometheus).
/// </summary>
public sealed class GameLoopMetrics
{
    public const string MeterName = "Transcendence.Game";
    public const string LatenessInstrument = "transcendence.game.tick.lateness";

    /// <summary>
    /// Upper bounds (ms) of the lateness histogram's buckets: tens of µs where a healthy loop lives, then up to
    /// a second; the SDK's defaults (0, 5, 10, 25 … ms) would put every healthy tick in one bucket.
    /// </summary>
    public static readonly double[] LatenessBucketsMs =
        [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 16.7, 25, 50, 100, 250, 500, 1000];

    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _dropped;

    public GameLoopMetrics(IMeterFactory meters, GameLobby lobby)
    {
        var meter = meters.Create(MeterName);
        _lateness = meter.CreateHistogram<double>(LatenessInstrument, "ms", "How late each game tick ran against its due time (start + n/60 s)");
        _ticks = meter.CreateCounter<long>("transcendence.game.ticks", "{tick}", "Game ticks run");
        _dropped = meter.CreateCounter<long>("transcendence.game.ticks.dropped", "{tick}", "Game ticks skipped after a stall longer than the catch-up bound");
        meter.CreateObservableGauge("transcendence.game.rooms.playing", () => lobby.PlayingCount, "{room}", "Rooms in play");
    }

    /// <summary>One tick ran <paramref name="lateness"/> after its due time.</summary>
    public void TickRan(TimeSpan lateness)
    {
        _ticks.Add(1);
        if (_lateness.Enabled)
        {
            _lateness.Record(Math.Max(lateness.TotalMilliseconds, 0));
        }
    }

    public void TicksDropped(long count) => _dropped.Add(count);
}
