namespace Transcendence.LoadGenerator.Reporting;

/// <summary>One scenario's results: what the Markdown, JSON and charts are written from.</summary>
public sealed class Report(string scenario, string title, string command)
{
    public string Scenario { get; } = scenario;

    public string Title { get; } = title;

    public string Command { get; } = command;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public MachineInfo Machine { get; } = MachineInfo.Read();

    public List<string> Notes { get; } = [];

    public List<Table> Tables { get; } = [];

    public List<Chart> Charts { get; } = [];

    /// <summary>Every individual run's figures, for whoever wants more than the medians.</summary>
    public List<Dictionary<string, object?>> Runs { get; } = [];
}

public sealed record Table(string Title, IReadOnlyList<string> Columns)
{
    public List<IReadOnlyList<string>> Rows { get; } = [];

    public void Add(params string[] cells) => Rows.Add(cells);
}

public sealed record Chart(string FileName, string Title, string XLabel, string YLabel, bool LogX = false)
{
    public List<Series> Series { get; } = [];

    /// <summary>A horizontal line worth drawing, such as a target (null for none).</summary>
    public (double Y, string Label)? Threshold { get; init; }
}

public sealed record Series(string Name)
{
    public List<Point> Points { get; } = [];
}

public sealed record Point(double X, double Y, double? Low = null, double? High = null);
