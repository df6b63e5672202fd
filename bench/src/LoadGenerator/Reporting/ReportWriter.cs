using System.Text;
using System.Text.Json;

namespace Transcendence.LoadGenerator.Reporting;

/// <summary>Writes bench/results/&lt;scenario&gt;.json, .md and one SVG per chart; the Markdown links the charts.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// A <paramref name="tag"/> (<c>--tag</c>) goes into every file name, <c>&lt;scenario&gt;-&lt;tag&gt;.md</c> and
    /// <c>&lt;chart&gt;-&lt;tag&gt;.svg</c>, so two variants of one scenario in one run-all keep both results.
    /// </summary>
    public static void Write(Report report, string directory, string? tag = null)
    {
        Directory.CreateDirectory(directory);
        var name = tag is null ? report.Scenario : $"{report.Scenario}-{tag}";
        File.WriteAllText(Path.Combine(directory, $"{name}.json"), JsonSerializer.Serialize(report, Json));
        foreach (var chart in report.Charts)
        {
            File.WriteAllText(Path.Combine(directory, ChartFile(chart, tag)), SvgLineChart.Render(chart));
        }

        var markdown = Markdown(report, tag);
        File.WriteAllText(Path.Combine(directory, $"{name}.md"), markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"results: {Path.Combine(directory, name)}.{{md,json}}");
    }

    private static string ChartFile(Chart chart, string? tag) =>
        tag is null ? chart.FileName : $"{Path.GetFileNameWithoutExtension(chart.FileName)}-{tag}{Path.GetExtension(chart.FileName)}";

    public static string Markdown(Report report, string? tag = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Title}").AppendLine();
        md.AppendLine($"- command: `{report.Command}`");
        md.AppendLine($"- when: {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine($"- machine: {report.Machine}");
        md.AppendLine("- cells: median of the runs, (min–max) across them").AppendLine();
        foreach (var note in report.Notes)
        {
            md.AppendLine($"> {note}").AppendLine();
        }

        foreach (var table in report.Tables)
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            md.AppendLine($"| {string.Join(" | ", table.Columns)} |");
            md.AppendLine($"|{string.Concat(table.Columns.Select(_ => "---|"))}");
            foreach (var row in table.Rows)
            {
                md.AppendLine($"| {string.Join(" | ", row)} |");
            }

            md.AppendLine();
        }

        foreach (var chart in report.Charts)
        {
            md.AppendLine($"![{chart.Title}]({ChartFile(chart, tag)})").AppendLine();
        }

        return md.ToString();
    }
}
