using Transcendence.LoadGenerator;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Scenarios;
using Transcendence.LoadGenerator.Systems;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("scenarios:");
    foreach (var known in ScenarioCatalog.All)
    {
        Console.Error.WriteLine($"  {known.Name,-12} {known.Description}");
    }

    return 2;
}

var scenario = ScenarioCatalog.All.FirstOrDefault(s => s.Name == options.Scenario);
if (scenario is null)
{
    Console.Error.WriteLine($"unknown scenario '{options.Scenario}'; known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var context = new BenchContext(options);
try
{
    Console.WriteLine($"{scenario.Name}: {scenario.Description}");
    var report = await scenario.RunAsync(context, stop.Token);
    ReportWriter.Write(report, context.ResultsDirectory, options.String("tag", "") is { Length: > 0 } tag ? tag : null);
    return 0;
}
finally
{
    BenchPostgres.Stop();
}
