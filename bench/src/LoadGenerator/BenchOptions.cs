using System.Globalization;

namespace Transcendence.LoadGenerator;

/// <summary>
/// <c>&lt;scenario&gt; [--runs 5] [--quick] [--tag name] [--key value]…</c>. Every scenario reads its own keys with a
/// default, so a bare <c>bench/run.sh chat</c> is the full measurement and <c>--quick</c> a smoke run.
/// </summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values;

    private BenchOptions(string scenario, Dictionary<string, string> values)
    {
        Scenario = scenario;
        _values = values;
    }

    public string Scenario { get; }

    public bool Quick => Flag("quick");

    /// <summary>Repetitions per measurement: the tables show their median, min and max.</summary>
    public int Runs => Int("runs", Quick ? 1 : 5);

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("usage: <scenario> [--runs N] [--quick] [--key value]…");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var key = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[key] = hasValue ? args[++i] : "true";
        }

        return new BenchOptions(args[0], values);
    }

    public bool Flag(string key) => _values.TryGetValue(key, out var value) && bool.Parse(value);

    public string String(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public int Int(string key, int fallback) =>
        _values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string key, double fallback) =>
        _values.TryGetValue(key, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Seconds(string key, double fallback) => TimeSpan.FromSeconds(Double(key, fallback));

    /// <summary>A comma-separated list, e.g. <c>--sizes 10,100,1000</c>.</summary>
    public IReadOnlyList<int> Ints(string key, params int[] fallback) =>
        _values.TryGetValue(key, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : fallback;

    public IReadOnlyList<string> Strings(string key, params string[] fallback) =>
        _values.TryGetValue(key, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries) : fallback;
}
