using System.Diagnostics;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>An open-loop sender: messages are due at a fixed rate whether or not the server keeps up.</summary>
public static class FixedRate
{
    /// <summary>
    /// From <paramref name="start"/> until <paramref name="end"/> (timestamps), calls <paramref name="send"/> with
    /// each message's number and its scheduled time, catching up every millisecond, and
    /// <paramref name="onWindowOpen"/> once when <paramref name="windowFrom"/> has passed.
    /// </summary>
    public static async Task PaceAsync(
        double perSecond, long start, long windowFrom, long end, Action<long, long> send, Action onWindowOpen, CancellationToken cancellationToken)
    {
        var opened = false;
        var sent = 0L;
        for (var now = Stopwatch.GetTimestamp(); now < end; now = Stopwatch.GetTimestamp())
        {
            if (!opened && now >= windowFrom)
            {
                opened = true;
                onWindowOpen();
            }

            var due = (long)((now - start) / (double)Stopwatch.Frequency * perSecond);
            for (; sent < due; sent++)
            {
                send(sent, start + (long)(sent / perSecond * Stopwatch.Frequency));
            }

            await Task.Delay(1, cancellationToken);
        }

        if (!opened)
        {
            onWindowOpen();
        }
    }

    /// <summary>
    /// A fan-out run of <paramref name="members"/> deliveries per message at <paramref name="messagesPerSecond"/>: every
    /// sink reports to it; <paramref name="send"/> sends the n-th message as sequence number seq (<c>run.Send(room, sender, seq)</c>).
    /// After the window, waits up to 10 s for every message to reach every member.
    /// </summary>
    public static Task<FixedRateResult> MeasureAsync(
        ServerProcess server, IReadOnlyList<DeliverySink> sinks, int runId, int members, double messagesPerSecond, TimeSpan warmup, TimeSpan measure,
        Action<FanOutRun, long, int> send, CancellationToken cancellationToken, string padding = "") =>
        MeasureAsync(() => ServerMeter.Start(server), sinks, runId, members, messagesPerSecond, warmup, measure, send, cancellationToken, padding);

    /// <summary>The same, the server's CPU read by <paramref name="startServerMeter"/> (every process of a scaled-out system).</summary>
    public static async Task<FixedRateResult> MeasureAsync(
        Func<ServerMeter> startServerMeter, IReadOnlyList<DeliverySink> sinks, int runId, int members, double messagesPerSecond, TimeSpan warmup, TimeSpan measure,
        Action<FanOutRun, long, int> send, CancellationToken cancellationToken, string padding = "")
    {
        var run = new FanOutRun(runId, members, (int)(messagesPerSecond * (warmup + measure).TotalSeconds) + 1024, window: null) { Padding = padding };
        var start = Stopwatch.GetTimestamp();
        run.MeasureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        run.MeasureTo = run.MeasureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        Route(sinks, run);
        (ServerMeter Server, ServerMeter Load)? meters = null;
        var before = 0L;
        await PaceAsync(messagesPerSecond, start, run.MeasureFrom, run.MeasureTo,
            (n, intended) =>
            {
                var seq = run.Next(intended);
                if (seq >= 0)
                {
                    send(run, n, seq);
                }
            },
            () =>
            {
                meters = (startServerMeter(), ServerMeter.Start(Environment.ProcessId));
                before = run.Delivered;
            },
            cancellationToken);
        var server = meters!.Value.Server.StopWindow();
        var (_, loadCpu) = meters.Value.Load.Stop();
        var delivered = run.Delivered - before;
        await run.DrainAsync(TimeSpan.FromSeconds(10));
        Route(sinks, null);
        return new FixedRateResult(messagesPerSecond, delivered, server.WallSeconds, server.CpuSeconds, loadCpu, run.Latency.Snapshot(), run.Sent, ((long)run.Sent * members) - run.Delivered, run.Failed)
        {
            Server = server,
        };
    }

    private static void Route(IReadOnlyList<DeliverySink> sinks, FanOutRun? run)
    {
        foreach (var sink in sinks)
        {
            sink.Current = run;
        }
    }
}

/// <summary>
/// One fixed-rate run: deliveries and CPU (the server's — every app instance and Redis —, this process's) in its window,
/// latency of the messages sent in it; <see cref="Server"/> splits the server's CPU (app, Redis).
/// </summary>
public sealed record FixedRateResult(
    double OfferedPerSecond, long Deliveries, double WallSeconds, double ServerCpuSeconds, double LoadCpuSeconds, Percentiles Latency, long Sent, long Undelivered, long Failed)
{
    public ServerWindow? Server { get; init; }

    public double DeliveriesPerSecond => Deliveries / WallSeconds;
}
