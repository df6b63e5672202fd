using Transcendence.LoadGenerator.Reporting;

namespace Transcendence.LoadGenerator.Scenarios;

/// <summary>One benchmark: starts what it measures, drives it, stops it, and returns its report.</summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
