namespace Transcendence.Web.Hosting;

/// <summary>
/// Tick lateness in fixed 10 µs buckets up to 100 ms, plus one overflow bucket and the exact maximum.
/// Written by the game loop alone (one thread at a time), read by whoever asks: a record is two plain
/// array increments, no lock, no allocation. A reader may see a record half-done; for a diagnostic
/// snapshot that is one sample, not a fault.
/// </summary>
public sealed class TickLatenessHistogram
{
    private const long BucketTicks = TimeSpan.TicksPerMillisecond / 100;
    private const int Buckets = 10_000;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _total;
    private long _maxTicks;

    public long Count => Volatile.Read(ref _total);

    public void Record(TimeSpan lateness)
    {
        var ticks = Math.Max(lateness.Ticks, 0);
        var bucket = (int)Math.Min(ticks / BucketTicks, Buckets);
        _counts[bucket]++;
        if (ticks > _maxTicks)
        {
            Volatile.Write(ref _maxTicks, ticks);
        }

        Volatile.Write(ref _total, _total + 1);
    }

    /// <summary>
    /// The lateness in milliseconds below which <paramref name="percentile"/> % of the samples lie: the
    /// upper edge of its bucket (so at most 10 µs high), or the maximum when it lies in the overflow.
    /// </summary>
    public double Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        var seen = 0L;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min((i + 1) * BucketTicks, MaxTicks) / (double)TimeSpan.TicksPerMillisecond;
            }
        }

        return MaxMilliseconds;
    }

    public double MaxMilliseconds => MaxTicks / (double)TimeSpan.TicksPerMillisecond;

    private long MaxTicks => Volatile.Read(ref _maxTicks);
}
