using System.Diagnostics.Metrics;

namespace Transcendence.Infrastructure.Leases;

/// <summary>
/// Which singleton leases this instance holds, for operators: <c>transcendence.lease.held</c> is 1 for
/// each lease (<c>transcendence.lease</c>) while this instance runs its work, 0 (or absent) otherwise; across
/// the instances of one app, exactly one shows 1 per lease.
/// </summary>
public static class LeaseTelemetry
{
    public const string MeterName = "Transcendence.Leases";

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<int> Held = Meter.CreateUpDownCounter<int>(
        "transcendence.lease.held", "{lease}", "1 while this instance holds the singleton lease and runs its work");

    internal static void Taken(string lease) => Held.Add(1, new KeyValuePair<string, object?>("transcendence.lease", lease));

    internal static void Given(string lease) => Held.Add(-1, new KeyValuePair<string, object?>("transcendence.lease", lease));
}
