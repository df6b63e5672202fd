using System.Diagnostics;
using System.Globalization;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Scenarios.Chat;

namespace Transcendence.LoadGenerator.Scenarios.SlowReader;

/// <summary>
/// Slow reader: one channel of 100 members, a few senders at a fixed rate. Each run first measures the other
/// members' latency with everybody reading, then again while one member has stopped reading its socket (it
/// stays open and keeps pinging): does anybody else notice, and does the server close the slow connection,
/// when, and saying what. A fresh channel per run (the slow member may have been closed).
/// </summary>
public sealed class SlowReaderScenario : IScenario
{
    private int _runIds = 2_000_000;

    public string Name => "slow-reader";

    public string Description => "slow reader: one member of a 100-member channel stops reading; the others' p99 beside the same run without it, and whether the server closes it";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var members = options.Int("members", 100);
        var rate = options.Double("rate", 300);
        var textBytes = options.Int("text-bytes", 1500);
        var padding = new string('x', Math.Max(0, textBytes - 16));
        var senders = options.Int("senders", 4);
        var warmup = options.Seconds("warmup", options.Quick ? 1 : 2);
        var measure = options.Seconds("measure", options.Quick ? 10 : 15);
        var receiveBuffer = options.Int("slow-rcvbuf", 64 * 1024);
        var closeWait = options.Seconds("close-wait", 10);
        var systemNames = options.Strings("systems", "bare", "inmemory");
        var slow = members - 1;

        var report = new Report(Name, "Slow reader", $"bench/run.sh slow-reader {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"One channel of {members} members (minimal SignalR JSON client, one WebSocket each); members 0–{senders - 1} send {rate:N0} messages/s in all " +
            $"(texts of about {textBytes:N0} characters, --text-bytes, so a stopped reader's buffers fill within the run), open loop, " +
            $"latency timed from each message's scheduled send time. Each run: {warmup.TotalSeconds:0.#} s warm-up + {measure.TotalSeconds:0.#} s measured with every member reading " +
            $"(\"without\"), then the same with member {slow} not reading its socket (\"with\"). The others' figures count members 0–{slow - 1} only, in both halves.");
        report.Notes.Add($"The slow member's socket has SO_RCVBUF = {(receiveBuffer > 0 ? $"{receiveBuffer / 1024} KiB" : "the kernel's default (autotuned)")} (--slow-rcvbuf), so its kernel buffer fills " +
            "in seconds rather than minutes; after that the server's socket buffer, then its own queues fill. Whether the server closed it is read from /proc/net/tcp " +
            "(the server's socket leaving ESTABLISHED, or vanishing on a reset), timed from when the member stopped reading; the close reason is what the member reads " +
            $"once it reads again after the run (a SignalR close message's error, or the WebSocket close status), waiting up to {closeWait.TotalSeconds:0} s.");

        var latency = new Table("The other members, without and with a slow reader", ["system", "offered msg/s", "p50 ms without", "p99 ms without", "p50 ms with", "p99 ms with", "p99 with / without (same run)", "p99.9 ms with", "undelivered to others (with)", "failed sends (with)"]);
        var closing = new Table("The slow connection", ["system", "closed by the server", "closed after (s not reading)", "server socket then", "close reason the member read", "messages it read of those sent", "most bytes held in kernel buffers"]);
        report.Tables.Add(latency);
        report.Tables.Add(closing);

        foreach (var name in systemNames)
        {
            await using var system = await ChatSystems.StartAsync(name, context, cancellationToken);
            var runs = new List<(FixedRateResult Without, FixedRateResult With, SlowMember Slow)>();
            for (var rep = 0; rep < options.Runs; rep++)
            {
                var result = await MeasureAsync(system);
                runs.Add(result);
                Console.WriteLine($"  [{rep + 1}/{options.Runs}] {system.Name}: others p99 {result.Without.Latency.P99:0.00} → {result.With.Latency.P99:0.00} ms; slow member " +
                    $"{(result.Slow.ClosedAfterSeconds is { } at ? $"closed after {at:0.0} s ({result.Slow.ServerState})" : "not closed")}, reason '{result.Slow.CloseReason}', read {result.Slow.Read}/{result.Slow.Sent}");
                report.Runs.Add(new()
                {
                    ["system"] = system.Name, ["rep"] = rep + 1, ["offeredMessagesPerSecond"] = rate,
                    ["withoutP50"] = result.Without.Latency.P50, ["withoutP99"] = result.Without.Latency.P99, ["withoutP999"] = result.Without.Latency.P999, ["withoutUndelivered"] = result.Without.Undelivered,
                    ["withP50"] = result.With.Latency.P50, ["withP99"] = result.With.Latency.P99, ["withP999"] = result.With.Latency.P999, ["withMax"] = result.With.Latency.Max,
                    ["withUndelivered"] = result.With.Undelivered, ["withFailedSends"] = result.With.Failed,
                    ["slowClosedAfterSeconds"] = result.Slow.ClosedAfterSeconds, ["slowServerState"] = result.Slow.ServerState, ["slowCloseReason"] = result.Slow.CloseReason,
                    ["slowRead"] = result.Slow.Read, ["slowSent"] = result.Slow.Sent, ["slowNotReadingSeconds"] = result.Slow.NotReadingSeconds, ["maxQueuedBytes"] = result.Slow.MaxQueuedBytes,
                });
            }

            latency.Add(system.Name, Spread.Number(rate), Of(runs, r => r.Without.Latency.P50), Of(runs, r => r.Without.Latency.P99),
                Of(runs, r => r.With.Latency.P50), Of(runs, r => r.With.Latency.P99), Spread.Of(runs.Select(r => r.With.Latency.P99 / r.Without.Latency.P99)).Format("×"),
                Of(runs, r => r.With.Latency.P999), runs.Sum(r => r.With.Undelivered).ToString(CultureInfo.InvariantCulture), runs.Sum(r => r.With.Failed).ToString(CultureInfo.InvariantCulture));
            var closed = runs.Where(r => r.Slow.ClosedAfterSeconds is not null).ToList();
            closing.Add(system.Name, $"{closed.Count} of {runs.Count} runs",
                closed.Count == 0 ? $"not within {Spread.Number(runs.Max(r => r.Slow.NotReadingSeconds))}" : Of(closed, r => r.Slow.ClosedAfterSeconds!.Value),
                string.Join(", ", runs.Select(r => r.Slow.ServerState).Distinct()),
                string.Join("; ", runs.Select(r => r.Slow.CloseReason ?? "none (still open)").Distinct()),
                string.Join(", ", runs.Select(r => $"{r.Slow.Read:N0}/{r.Slow.Sent:N0}")),
                Of(runs, r => r.Slow.MaxQueuedBytes));
        }

        return report;

        async Task<(FixedRateResult Without, FixedRateResult With, SlowMember Slow)> MeasureAsync(IChatSystem system)
        {
            var others = new DeliverySink();
            var slowSink = new DeliverySink();
            await using var room = await system.OpenRoomAsync(members, i => i == slow ? slowSink : others, cancellationToken,
                (i, connection) =>
                {
                    if (i == slow)
                    {
                        connection.UseOwnSocket(receiveBuffer > 0 ? receiveBuffer : null);
                    }
                });
            var slowConnection = (room as IHubChatRoom ?? throw new InvalidOperationException($"{system.Name} is not a SignalR system")).Connection(slow);
            Console.WriteLine($"  {system.Name}: {members} members connected");

            var without = await AtRateAsync(system, room, others, Interlocked.Increment(ref _runIds));

            var runId = Interlocked.Increment(ref _runIds);
            var capacity = (int)(rate * (warmup + measure).TotalSeconds) + 1024;
            var slowRun = new FanOutRun(runId, 1, capacity, window: null);
            slowSink.Current = slowRun;
            slowConnection.PauseReceiving();
            var paused = Stopwatch.GetTimestamp();
            FixedRateResult with;
            double? closedAfter;
            string state;
            long queued;
            await using (var watch = new TcpConnectionWatch(system.Server.BaseAddress.Port, slowConnection.LocalEndPoint!.Port))
            {
                with = await AtRateAsync(system, room, others, runId);
                closedAfter = watch.ClosedAfterSeconds;
                state = watch.ClosedState ?? "ESTABLISHED";
                queued = watch.MaxQueuedBytes;
            }

            var notReading = Stopwatch.GetElapsedTime(paused).TotalSeconds;
            slowConnection.ResumeReceiving();
            // Reads its backlog, then either the close arrives or nothing more does.
            var deadline = Stopwatch.StartNew();
            var lastRead = -1L;
            while (slowConnection.CloseReason is null && deadline.Elapsed < closeWait)
            {
                await Task.Delay(500, cancellationToken);
                if (slowRun.Delivered == lastRead && lastRead >= 0 && closedAfter is null)
                {
                    break;
                }

                lastRead = slowRun.Delivered;
            }

            slowSink.Current = null;
            return (without, with, new SlowMember(closedAfter, state, slowConnection.CloseReason, slowRun.Delivered, with.Sent, notReading, queued));
        }

        Task<FixedRateResult> AtRateAsync(IChatSystem system, IChatRoom room, DeliverySink others, int runId) =>
            FixedRate.MeasureAsync(system.Server, [others], runId, members - 1, rate, warmup, measure,
                (run, n, seq) => run.Send(room, (int)(n % senders), seq), cancellationToken, padding);
    }

    private static string Of<T>(IEnumerable<T> runs, Func<T, double> figure) => Spread.Of(runs.Select(figure)).Format();

    private sealed record SlowMember(double? ClosedAfterSeconds, string ServerState, string? CloseReason, long Read, long Sent, double NotReadingSeconds, long MaxQueuedBytes);
}
