using System.Diagnostics;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// Scenario 1: one channel of 10 / 100 / 1,000 members on every system at once, measured in turns so each
/// repetition compares the systems within minutes of each other. First saturation (senders keep a fixed
/// number of messages in flight, counted until every member has them), then latency at half of each
/// system's own median saturation rate.
/// </summary>
public sealed class ChatFanOutScenario : IScenario
{
    private int _runIds;

    public string Name => "chat";

    public string Description => "chat fan-out: bare SignalR hub vs Transcendence (in-memory, PostgreSQL) vs NestJS + socket.io";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var sizes = options.Ints("sizes", options.Quick ? [10, 100] : [10, 100, 1000]);
        var warmup = options.Seconds("warmup", options.Quick ? 1 : 2);
        var measure = options.Seconds("measure", options.Quick ? 2 : 5);
        var senders = options.Int("senders", 4);
        var inFlightDeliveries = options.Int("inflight-deliveries", 4000);
        var latencyLoad = options.Double("latency-load", 0.5);
        var systemNames = options.Strings("systems", ChatSystems.Names.ToArray());
        var latencyModes = options.Strings("latency", "own", "same");
        var sameRateNames = options.Strings("same-rate-systems", "bare", "inmemory");

        var report = new Report(Name, "Chat fan-out", $"bench/run.sh chat {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"{senders} senders in the channel; saturation keeps {inFlightDeliveries:N0} deliveries' worth of messages in flight " +
            $"(at least 4 messages); a discarded saturation run primes each system; each run warms up {warmup.TotalSeconds:0.#} s then measures {measure.TotalSeconds:0.#} s; latency runs offer " +
            $"{latencyLoad:P0} of each system's median saturation rate, timed from each message's scheduled send time.");
        if (latencyModes.Contains("same"))
        {
            report.Notes.Add($"Latency at the same offered rate: the systems {string.Join(", ", sameRateNames)} are all offered {latencyLoad:P0} of the lowest of their median " +
                "saturation rates, so their p99s compare at one load (the app's target: p99 ≤ 1.5× the bare hub's).");
        }

        report.Notes.Add("CPU is the server process's own user+system time from /proc; the load generator shares the same cores.");

        var saturation = new Table("Saturation", ["members", "system", "deliveries/s", "server CPU-s per 1,000 deliveries", "deliveries per server CPU-s", "vs bare hub (per CPU-s, same run)"]);
        var latency = new Table("Latency at a fixed rate below saturation", ["members", "system", "offered msg/s", "deliveries/s", "p50 ms", "p99 ms", "p99.9 ms", "undelivered"]);
        var sameRate = new Table("Latency at the same offered rate", ["members", "system", "offered msg/s", "deliveries/s", "p50 ms", "p99 ms", "p99.9 ms", "p99 vs bare hub (same run)", "undelivered"]);
        report.Tables.Add(saturation);
        if (latencyModes.Contains("own"))
        {
            report.Tables.Add(latency);
        }

        if (latencyModes.Contains("same"))
        {
            report.Tables.Add(sameRate);
        }

        var efficiencyChart = new Chart("chat-efficiency.svg", "Deliveries per server CPU-second", "members", "deliveries / CPU-s", LogX: true);
        var latencyChart = new Chart("chat-latency.svg", "p99 fan-out latency at half saturation", "members", "p99 ms", LogX: true) { Threshold = (10, "target: 10 ms") };
        report.Charts.Add(efficiencyChart);
        report.Charts.Add(latencyChart);

        var acrossInstances = new Table("Across instances: the bus's cost (saturation windows)", ["members", "system", .. BusCost.Columns]);
        var systems = new List<IChatSystem>();
        var sameRateSystems = new List<IChatSystem>();
        try
        {
            foreach (var name in systemNames)
            {
                systems.Add(await ChatSystems.StartAsync(name, context, cancellationToken));
                if (sameRateNames.Contains(name))
                {
                    sameRateSystems.Add(systems[^1]);
                }
            }

            if (systems.Any(s => s.OnRedis))
            {
                report.Tables.Add(acrossInstances);
                report.Notes.Add(AcrossInstancesNote);
            }

            foreach (var members in sizes)
            {
                await MeasureSizeAsync(members);
            }
        }
        finally
        {
            foreach (var system in systems)
            {
                await system.DisposeAsync();
            }
        }

        return report;

        async Task MeasureSizeAsync(int members)
        {
            Console.WriteLine($"{members} members");
            var sinks = systems.ToDictionary(s => s, _ => new DeliverySink());
            var rooms = new Dictionary<IChatSystem, IChatRoom>();
            try
            {
                foreach (var system in systems)
                {
                    var sink = sinks[system];
                    rooms[system] = await system.OpenRoomAsync(members, sink, cancellationToken);
                    Console.WriteLine($"  {system.Name}: {members} members connected");
                }

                var window = Math.Clamp(inFlightDeliveries / members, 4, 512);

                // One discarded saturation run each first: the JIT's tiering (and PGO) settles during it,
                // so compiling hot paths is not counted as serving them.
                foreach (var system in systems)
                {
                    await SaturateAsync(system, rooms[system], sinks[system], members, window, Math.Min(senders, members));
                }

                var runs = systems.ToDictionary(s => s, _ => new List<SaturationResult>());
                for (var rep = 0; rep < options.Runs; rep++)
                {
                    foreach (var system in systems)
                    {
                        var result = await SaturateAsync(system, rooms[system], sinks[system], members, window, Math.Min(senders, members));
                        runs[system].Add(result);
                        Console.WriteLine($"  [{rep + 1}/{options.Runs}] {system.Name}: {result.DeliveriesPerSecond:N0} deliveries/s, {result.CpuPerThousand:0.000} CPU-s/1k");
                        report.Runs.Add(new() { ["kind"] = "saturation", ["members"] = members, ["system"] = system.Name, ["rep"] = rep + 1, ["deliveriesPerSecond"] = result.DeliveriesPerSecond, ["cpuSeconds"] = result.CpuSeconds, ["wallSeconds"] = result.WallSeconds, ["deliveries"] = result.Deliveries, ["failedSends"] = result.Failed, ["appCpuSeconds"] = result.Window.Server.AppCpuSeconds, ["redisCpuSeconds"] = result.Window.Server.RedisCpuSeconds, ["redisPublishes"] = result.Window.Server.RedisPublishes, ["redisCommands"] = result.Window.Server.RedisCommands, ["instances"] = system.Instances });
                    }
                }

                var bare = systems.FirstOrDefault(s => s is BareChatSystem);
                var busBaseline = systems.FirstOrDefault(s => s is TranscendenceChatSystem { OnRedis: false, Store: Store.Postgres });
                foreach (var system in systems.Where(s => s.OnRedis))
                {
                    acrossInstances.Add([members.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Name,
                        .. BusCost.Cells(system.Instances, runs[system].Select(r => r.Window).ToList(), busBaseline is null ? null : runs[busBaseline].Select(r => r.Window).ToList())]);
                }

                foreach (var system in systems)
                {
                    var results = runs[system];
                    var perCpu = Spread.Of(results.Select(r => r.DeliveriesPerCpuSecond));
                    var ratio = bare is null || bare == system
                        ? "–"
                        : Spread.Of(results.Zip(runs[bare], (mine, floor) => mine.DeliveriesPerCpuSecond / floor.DeliveriesPerCpuSecond * 100)).Format("%");
                    saturation.Add(members.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Name,
                        Spread.Of(results.Select(r => r.DeliveriesPerSecond)).Format(),
                        Spread.Of(results.Select(r => r.CpuPerThousand)).Format(),
                        perCpu.Format(), ratio);
                    Series(efficiencyChart, system.Name).Points.Add(new Point(members, perCpu.Median, perCpu.Min, perCpu.Max));
                }

                var saturationRate = systems.ToDictionary(s => s, s => Spread.Of(runs[s].Select(r => r.DeliveriesPerSecond)).Median / members);
                if (latencyModes.Contains("own"))
                {
                    var latencyRuns = await LatencyRunsAsync("latency", systems, s => saturationRate[s] * latencyLoad);
                    foreach (var system in systems)
                    {
                        var results = latencyRuns[system];
                        var p99 = Spread.Of(results.Select(r => r.Latency.P99));
                        latency.Add(members.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Name,
                            Spread.Of(results.Select(r => r.OfferedPerSecond)).Format(),
                            Spread.Of(results.Select(r => r.DeliveriesPerSecond)).Format(),
                            Spread.Of(results.Select(r => r.Latency.P50)).Format(),
                            p99.Format(),
                            Spread.Of(results.Select(r => r.Latency.P999)).Format(),
                            results.Sum(r => r.Undelivered).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Series(latencyChart, system.Name).Points.Add(new Point(members, p99.Median, p99.Min, p99.Max));
                    }
                }

                if (latencyModes.Contains("same") && sameRateSystems.Count > 0)
                {
                    // One rate for all of them: the slowest one's half saturation (what it can still take), so none is overloaded.
                    var common = sameRateSystems.Min(s => saturationRate[s]) * latencyLoad;
                    var sameRuns = await LatencyRunsAsync("latency-same-rate", sameRateSystems, _ => common);
                    var bareSame = sameRateSystems.FirstOrDefault(s => s is BareChatSystem);
                    foreach (var system in sameRateSystems)
                    {
                        var results = sameRuns[system];
                        sameRate.Add(members.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Name,
                            Spread.Number(common),
                            Spread.Of(results.Select(r => r.DeliveriesPerSecond)).Format(),
                            Spread.Of(results.Select(r => r.Latency.P50)).Format(),
                            Spread.Of(results.Select(r => r.Latency.P99)).Format(),
                            Spread.Of(results.Select(r => r.Latency.P999)).Format(),
                            bareSame is null || bareSame == system
                                ? "–"
                                : Spread.Of(results.Zip(sameRuns[bareSame], (mine, floor) => mine.Latency.P99 / floor.Latency.P99)).Format("×"),
                            results.Sum(r => r.Undelivered).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                async Task<Dictionary<IChatSystem, List<FixedRateResult>>> LatencyRunsAsync(string kind, List<IChatSystem> measured, Func<IChatSystem, double> rateOf)
                {
                    var latencyRuns = measured.ToDictionary(s => s, _ => new List<FixedRateResult>());
                    for (var rep = 0; rep < options.Runs; rep++)
                    {
                        foreach (var system in measured)
                        {
                            var messagesPerSecond = rateOf(system);
                            var result = await FixedRateAsync(system, rooms[system], sinks[system], members, messagesPerSecond, Math.Min(senders, members));
                            latencyRuns[system].Add(result);
                            Console.WriteLine($"  [{rep + 1}/{options.Runs}] {kind} {system.Name}: {messagesPerSecond:N0} msg/s → p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, p99.9 {result.Latency.P999:0.00} ms, undelivered {result.Undelivered}");
                            report.Runs.Add(new() { ["kind"] = kind, ["members"] = members, ["system"] = system.Name, ["rep"] = rep + 1, ["offeredMessagesPerSecond"] = messagesPerSecond, ["deliveriesPerSecond"] = result.DeliveriesPerSecond, ["p50"] = result.Latency.P50, ["p99"] = result.Latency.P99, ["p999"] = result.Latency.P999, ["max"] = result.Latency.Max, ["undelivered"] = result.Undelivered, ["failedSends"] = result.Failed });
                        }
                    }

                    return latencyRuns;
                }
            }
            finally
            {
                foreach (var room in rooms.Values)
                {
                    await room.DisposeAsync();
                }
            }
        }

        async Task<SaturationResult> SaturateAsync(IChatSystem system, IChatRoom room, DeliverySink sink, int members, int window, int senderCount)
        {
            var run = new FanOutRun(Interlocked.Increment(ref _runIds), members, 4_000_000, window);
            sink.Current = run;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var loops = Enumerable.Range(0, senderCount).Select(sender => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await run.Window!.WaitAsync(stop.Token);
                    var seq = run.Next(Stopwatch.GetTimestamp());
                    if (seq < 0)
                    {
                        return;
                    }

                    run.Send(room, sender, seq);
                }
            }, stop.Token)).ToArray();

            await Task.Delay(warmup, cancellationToken);
            var deliveredBefore = run.Delivered;
            var meter = system.StartMeter();
            await Task.Delay(measure, cancellationToken);
            var server = meter.StopWindow();
            var delivered = run.Delivered - deliveredBefore;
            await stop.CancelAsync();
            await Task.WhenAll(loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
            await run.DrainAsync(TimeSpan.FromSeconds(30));
            sink.Current = null;
            return new SaturationResult(delivered, server.WallSeconds, server.CpuSeconds, run.Failed, new DeliveryWindow(server, delivered, members));
        }

        Task<FixedRateResult> FixedRateAsync(IChatSystem system, IChatRoom room, DeliverySink sink, int members, double messagesPerSecond, int senderCount) =>
            FixedRate.MeasureAsync(system.StartMeter, [sink], Interlocked.Increment(ref _runIds), members, messagesPerSecond, warmup, measure,
                (run, n, seq) => run.Send(room, (int)(n % senderCount), seq), cancellationToken);
    }

    private static Series Series(Chart chart, string name)
    {
        var series = chart.Series.FirstOrDefault(s => s.Name == name);
        if (series is null)
        {
            series = new Series(name);
            chart.Series.Add(series);
        }

        return series;
    }

    internal const string AcrossInstancesNote =
        "Across instances: a system on Redis runs its instances on one PostgreSQL and one throwaway redis-server, members connected to the instances directly (round-robin, no proxy); " +
        "its server CPU is every app instance's plus redis-server's. One instance + Redis publishes every send though no other instance listens: the publish cost alone. " +
        "Extra server CPU per message / per cross-instance delivery is over the PostgreSQL system on one instance without Redis in the same repetition; (N−1)/N of the deliveries cross with N instances. " +
        "Publishes and commands are Redis's own counts (INFO commandstats); messages per Redis core = messages / redis-server CPU-s: Redis's ceiling for this traffic on a core of its own.";

    private sealed record SaturationResult(long Deliveries, double WallSeconds, double CpuSeconds, long Failed, DeliveryWindow Window)
    {
        public double DeliveriesPerSecond => Deliveries / WallSeconds;

        public double CpuPerThousand => CpuSeconds / (Deliveries / 1000.0);

        public double DeliveriesPerCpuSecond => Deliveries / CpuSeconds;
    }
}
