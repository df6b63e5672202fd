using System.Diagnostics;
using HdrHistogram;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>
/// End-to-end latencies in microseconds, recorded from many receive threads at once (HdrHistogram, three
/// significant digits, up to a minute). Times are <see cref="Stopwatch"/> timestamps taken in this
/// process, so sender and receiver share one clock.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly LongConcurrentHistogram _histogram = new(1, 60_000_000, 3);

    public long Count => _histogram.TotalCount;

    public void RecordSince(long startTimestamp)
    {
        var micros = Stopwatch.GetElapsedTime(startTimestamp).Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        _histogram.RecordValue(Math.Clamp(micros, 1, 60_000_000));
    }

    public Percentiles Snapshot() => _histogram.TotalCount == 0
        ? new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN)
        : new Percentiles(
            _histogram.TotalCount,
            _histogram.GetValueAtPercentile(50) / 1000.0,
            _histogram.GetValueAtPercentile(99) / 1000.0,
            _histogram.GetValueAtPercentile(99.9) / 1000.0,
            _histogram.GetMaxValue() / 1000.0);
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Percentiles(long Count, double P50, double P99, double P999, double Max);
