using System.Diagnostics.Metrics;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The <c>Transcendence.Realtime</c> meter: <c>transcendence.hubs.slow_consumers</c> counts the connections closed
/// because they fell behind their outgoing bound (<see cref="OutgoingOptions"/>), tagged with the hub.
/// </summary>
public sealed class OutgoingMetrics
{
    public const string MeterName = "Transcendence.Realtime";

    private readonly Counter<long> _slowConsumers;

    public OutgoingMetrics(IMeterFactory meters) =>
        _slowConsumers = meters.Create(MeterName).CreateCounter<long>(
            "transcendence.hubs.slow_consumers", "{connection}", "Hub connections closed because they could not keep up with what they were sent");

    public void SlowConsumerClosed(string hub) =>
        _slowConsumers.Add(1, new KeyValuePair<string, object?>("transcendence.hub", hub));
}
