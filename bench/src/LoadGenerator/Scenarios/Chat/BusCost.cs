using Transcendence.LoadGenerator.Measurement;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>One measured window of a chat system: the server's CPU split (app, Redis), its publishes, and what was delivered.</summary>
public sealed record DeliveryWindow(ServerWindow Server, long Deliveries, int MembersPerMessage)
{
    public double Messages => Deliveries / (double)MembersPerMessage;
}

/// <summary>
/// What the bus costs a system on Redis, from windows measured in the same repetitions as the same store on one
/// instance without Redis (the baseline): where the CPU went (app instances, redis-server); Redis's cost per
/// command, the commands each message costs it (PUBLISH, and the send limit's script) and the messages one
/// Redis core would take at that cost (its ceiling on a core of its own); and the server CPU (apps + Redis)
/// each message and each cross-instance delivery costs beyond the baseline. Members are spread evenly, so
/// (N−1)/N of the deliveries of N instances cross to another instance.
/// </summary>
public static class BusCost
{
    public static readonly string[] Columns =
    [
        "instances", "deliveries/s", "app CPU-µs per delivery", "Redis CPU-µs per delivery", "Redis commands per message",
        "of which per message (all runs)", "Redis's own µs per call: publish, evalsha", "Redis CPU-µs per command", "messages/s per Redis core",
        "extra server CPU-µs per message", "extra server CPU-µs per cross-instance delivery",
    ];

    public static string[] Cells(int instances, IReadOnlyList<DeliveryWindow> runs, IReadOnlyList<DeliveryWindow>? baseline)
    {
        var crossShare = (instances - 1) / (double)instances;
        return
        [
            instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Of(runs, w => w.Deliveries / w.Server.WallSeconds),
            Of(runs, w => w.Server.AppCpuSeconds * 1e6 / w.Deliveries),
            Of(runs, w => w.Server.RedisCpuSeconds * 1e6 / w.Deliveries),
            Of(runs, w => w.Server.RedisCommands / w.Messages),
            CallsPerMessage(runs),
            $"{MicrosPerCall(runs, "publish")}, {MicrosPerCall(runs, "evalsha")}",
            Of(runs, w => w.Server.RedisCommands == 0 ? double.NaN : w.Server.RedisCpuSeconds * 1e6 / w.Server.RedisCommands),
            Of(runs, w => w.Server.RedisCpuSeconds == 0 ? double.NaN : w.Messages / w.Server.RedisCpuSeconds),
            baseline is null ? "–" : Versus(runs, baseline, (mine, floor) => ((mine.Server.CpuSeconds / mine.Messages) - (floor.Server.CpuSeconds / floor.Messages)) * 1e6),
            baseline is null || instances == 1
                ? "–"
                : Versus(runs, baseline, (mine, floor) => ((mine.Server.CpuSeconds / mine.Deliveries) - (floor.Server.CpuSeconds / floor.Deliveries)) * 1e6 / crossShare),
        ];
    }

    /// <summary>"publish 1.00, evalsha 2.00 …": Redis's calls per message by command, over all the runs.</summary>
    public static string CallsPerMessage(IEnumerable<DeliveryWindow> runs)
    {
        var windows = runs.ToList();
        var messages = windows.Sum(w => w.Messages);
        return string.Join(", ", windows.SelectMany(w => w.Server.RedisCalls).Where(c => c.Key != "info")
            .GroupBy(c => c.Key, c => c.Value)
            .Select(g => (Name: g.Key, PerMessage: g.Sum() / messages))
            .OrderByDescending(c => c.PerMessage)
            .Select(c => $"{c.Name} {Spread.Number(c.PerMessage)}"));
    }

    /// <summary>Redis's own time inside <paramref name="command"/> per call, over all the runs (INFO commandstats' usec).</summary>
    private static string MicrosPerCall(IEnumerable<DeliveryWindow> runs, string command)
    {
        var windows = runs.ToList();
        var calls = windows.Sum(w => w.Server.RedisCalls.GetValueOrDefault(command));
        return calls == 0 ? "–" : Spread.Number(windows.Sum(w => w.Server.RedisCommandMicros.GetValueOrDefault(command)) / (double)calls);
    }

    private static string Of(IEnumerable<DeliveryWindow> runs, Func<DeliveryWindow, double> figure) => Spread.Of(runs.Select(figure)).Format();

    private static string Versus(IReadOnlyList<DeliveryWindow> runs, IReadOnlyList<DeliveryWindow> baseline, Func<DeliveryWindow, DeliveryWindow, double> figure) =>
        Spread.Of(runs.Zip(baseline, figure)).Format();
}
