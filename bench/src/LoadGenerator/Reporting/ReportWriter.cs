using System.Text;
using System.Text.Json;

namespace Transcendence.LoadGenerator.Reporting;

/// <summary>Writes bench/results/&lt;scenario&gt;.json, .md and one SVG per chart; the Markdown links the charts.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(Report report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{report.Scenario}.json"), JsonSerializer.Serialize(report, Json));
        foreach (var chart in report.Charts)
        {
            File.WriteAllText(Path.Combine(directory, chart.FileName), SvgLineChart.Render(chart));
        }

        var markdown = Markdown(report);
        File.WriteAllText(Path.Combine(directory, $"{report.Scenario}.md"), markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"results: {Path.Combine(directory, report.Scenario)}.{{md,json}}");
    }

    public static string Markdown(Report report)
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
            md.AppendLine($"![{chart.Title}]({chart.FileName})").AppendLine();
        }

        return md.ToString();
    }
}
