using System.Globalization;

namespace Transcendence.LoadGenerator.Scenarios.Game;

/// <summary>
/// The app's own game-loop figures, read from its Prometheus scrape endpoint (<c>GET /metrics</c>, on with
/// <c>Telemetry:Prometheus:Enabled</c>): <see cref="ResetAsync"/> takes a baseline scrape and
/// <see cref="ReadAsync"/> the difference since it (ticks, dropped ticks, the lateness histogram's buckets).
/// Percentiles and the maximum are the upper edge of the bucket they fall in (the app's buckets:
/// 10 µs, 20 µs, 50 µs, 0.1 ms … 1 s). Scaled out, every instance is scraped and their figures added: one
/// lateness histogram over every loop, the rooms playing on all, and ticks as one loop's (their mean), so
/// ticks × rooms stays the room-ticks served.
/// </summary>
public sealed class GameLoopDiagnostics : IDisposable
{
    private const string Lateness = "transcendence_game_tick_lateness_milliseconds";
    private readonly HttpClient[] _instances;
    private Scrape _baseline = Scrape.Empty;

    public GameLoopDiagnostics(Uri baseAddress)
        : this([baseAddress])
    {
    }

    public GameLoopDiagnostics(IEnumerable<Uri> instances) =>
        _instances = instances.Select(address => new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }).ToArray();

    public async Task ResetAsync(CancellationToken ct) => _baseline = await ScrapeAsync(ct);

    public async Task<GameLoopReading> ReadAsync(CancellationToken ct)
    {
        var now = await ScrapeAsync(ct);
        var ticks = (long)((now.Sum("transcendence_game_ticks_total") - _baseline.Sum("transcendence_game_ticks_total")) / _instances.Length);
        var dropped = (long)(now.Sum("transcendence_game_ticks_dropped_total") - _baseline.Sum("transcendence_game_ticks_dropped_total"));
        var buckets = now.Buckets(Lateness)
            .Select(b => (b.UpperMs, Count: b.Count - _baseline.Buckets(Lateness).Where(o => o.UpperMs == b.UpperMs).Sum(o => o.Count)))
            .OrderBy(b => b.UpperMs)
            .ToList();
        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        double Percentile(double p) =>
            total == 0 ? 0 : buckets.First(b => b.Count >= Math.Ceiling(total * p / 100.0)).UpperMs;
        var max = total == 0 ? 0 : buckets.First(b => b.Count == total).UpperMs;
        return new GameLoopReading(ticks, (int)now.Sum("transcendence_game_rooms_playing"),
            new LatenessReading(Percentile(50), Percentile(99), Percentile(99.9), max), dropped);
    }

    public void Dispose()
    {
        foreach (var http in _instances)
        {
            http.Dispose();
        }
    }

    private async Task<Scrape> ScrapeAsync(CancellationToken ct)
    {
        var texts = await Task.WhenAll(_instances.Select(http => http.GetStringAsync("/metrics", ct)));
        return new Scrape(texts.SelectMany(text => Scrape.Parse(text).Samples).ToList());
    }

    /// <summary>Samples of one Prometheus text exposition: (name, labels, value).</summary>
    private sealed record Scrape(List<(string Name, string Labels, double Value)> Samples)
    {
        public static readonly Scrape Empty = new([]);

        public static Scrape Parse(string text)
        {
            var samples = new List<(string, string, double)>();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }

                var brace = line.IndexOf('{');
                var space = line.IndexOf(' ');
                var labelled = brace >= 0 && brace < space;
                var name = line[..(labelled ? brace : space)];
                var close = line.LastIndexOf('}');
                var labels = labelled ? line[(brace + 1)..close] : string.Empty;
                var value = line[((labelled ? close + 1 : space) + 0)..].Trim().Split(' ')[0];
                samples.Add((name, labels, double.Parse(value, CultureInfo.InvariantCulture)));
            }

            return new Scrape(samples);
        }

        public double Sum(string name) => Samples.Where(s => s.Name == name).Sum(s => s.Value);

        /// <summary>Cumulative bucket counts by upper edge (ms), every instance's added; +Inf is infinity.</summary>
        public IEnumerable<(double UpperMs, double Count)> Buckets(string histogram) =>
            Samples.Where(s => s.Name == histogram + "_bucket")
                .GroupBy(s => Le(s.Labels), s => s.Value)
                .Select(g => (g.Key, g.Sum()));

        private static double Le(string labels)
        {
            var start = labels.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var value = labels[start..labels.IndexOf('"', start)];
            // Infinity, not double.MaxValue: a tick later than the last edge then reads "Infinity", not a 309-digit number.
            return value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
        }
    }
}

public sealed record GameLoopReading(long Ticks, int PlayingRooms, LatenessReading LatenessMs, long DroppedTicks);

public sealed record LatenessReading(double P50, double P99, double P999, double Max);
