using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Transcendence.Application.Common.Telemetry;

/// <summary>
/// The application layer's traces and metrics, by name: the composition root subscribes an exporter to
/// <see cref="SourceName"/> (one span per Mediator message) and <see cref="MeterName"/> (their durations).
/// </summary>
public static class ApplicationTelemetry
{
    public const string SourceName = "Transcendence.Application";
    public const string MeterName = "Transcendence.Application";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    /// <summary>How long each command or query took through the pipeline, its unit of work included (seconds).</summary>
    public static readonly Histogram<double> MessageDuration = Meter.CreateHistogram<double>(
        "transcendence.message.duration", "s", "Duration of each Mediator command or query, its transaction on the store included");
}
