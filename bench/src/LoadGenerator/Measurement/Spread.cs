using System.Globalization;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>The median of repeated runs with their min and max: what every table cell reports.</summary>
public sealed record Spread(double Median, double Min, double Max, int Runs)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN, 0);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary><c>median (min–max)</c> with a sensible number of digits.</summary>
    public string Format(string unit = "") =>
        Runs == 0 ? "–" : Runs == 1 ? $"{Number(Median)}{unit}" : $"{Number(Median)}{unit} ({Number(Min)}–{Number(Max)})";

    public static string Number(double value) => value switch
    {
        double.NaN => "–",
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
