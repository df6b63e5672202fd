using System.Globalization;
using System.Net;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>One read of a Prometheus text exposition: samples by metric name (labels kept as text).</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples;

    private PrometheusScrape(string text, List<(string, string, double)> samples)
    {
        Text = text;
        _samples = samples;
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client, string path = "/metrics")
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var samples = new List<(string, string, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ');
            var name = line[..(brace >= 0 && brace < space ? brace : space)];
            var labels = brace >= 0 && brace < space ? line[(brace + 1)..line.IndexOf('}')] : string.Empty;
            var rest = line[(line.LastIndexOf('}') is var close and >= 0 && brace >= 0 ? close + 1 : space)..].Trim().Split(' ');
            samples.Add((name, labels, double.Parse(rest[0], CultureInfo.InvariantCulture)));
        }

        return new PrometheusScrape(text, samples);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels contain <paramref name="label"/> (0 when none).</summary>
    public double Sum(string name, string? label = null) =>
        _samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);
}
