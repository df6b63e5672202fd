using System.Diagnostics;
using System.Globalization;
using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Game;

/// <summary>
/// Scenario 2: N rooms playing at once on the app (in-memory store), each player steering on every State
/// (inputs at 60 Hz), or with <c>--input on-change</c> only when its key changes (a few inputs a second, as a real
/// client sends them; results in <c>game-input-on-change.*</c>). Rooms are grown incrementally from one size to the next on one server. For each
/// size, repeated windows: scrape the server's game-loop metrics, measure, scrape them again (tick lateness as
/// the loop itself saw it), the server's CPU, and from the clients every State tick they did not get.
/// <c>--instances N</c> runs the app as N instances on one PostgreSQL and Redis (results in <c>game-xN.*</c>): the
/// k-th pair's host connects to instance k mod N, its guest to the next one, so every room is owned by one
/// instance (its host's) and played from two.
/// </summary>
public sealed class GameLoopScenario : IScenario
{
    private const double LatenessTargetMs = 2;

    public string Name => "game";

    public string Description => "game loop: N rooms playing at 60 Hz with inputs on every State (--input on-change: on key change); the server's tick lateness, CPU and missed States";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var sizes = options.Ints("rooms", options.Quick ? [10, 50] : [50, 100, 200, 400, 600, 800, 1000]);
        var measure = options.Seconds("measure", options.Quick ? 2 : 5);
        var settle = options.Seconds("settle", options.Quick ? 1 : 2);
        var runs = options.Runs;
        var instances = options.Int("instances", 1);
        var onChange = options.String("input", "every-state") switch
        {
            "every-state" => false,
            "on-change" => true,
            var other => throw new ArgumentException($"--input is every-state or on-change, not {other}"),
        };

        var reportName = (onChange ? "game-input-on-change" : Name) + (instances > 1 ? $"-x{instances}" : "");
        var report = new Report(reportName, onChange ? "Game loop, input on key change" : "Game loop", $"bench/run.sh game {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"The app (Release, {(instances > 1 ? "PostgreSQL" : "in-memory")} store, Telemetry:Prometheus:Enabled) on 127.0.0.1; 2N users, one game-hub connection each (WebSockets, JSON), " +
            "paired by invitation into N rooms (winning score 21), every Ping answered. On every State of its room each player steers its " +
            "paddle towards the ball: " + (onChange
                ? "it sends Input only when its keys (up, down) change, a few times a second, as a real client does. "
                : "it sends Input on every State (60 inputs/s per player). ") + "A room that still ends is restarted by its pair (3 s countdown), so a few rooms may be " +
            "between games in a window: the table shows how many were playing.");
        report.Notes.Add($"Rooms grow incrementally on one server (sizes {string.Join(", ", sizes)}); after each growth the load settles for " +
            $"{settle.TotalSeconds:0.#} s, then {runs} window(s) of {measure.TotalSeconds:0.#} s each are measured on the same rooms.");
        report.Notes.Add("Tick lateness is the server's own figure (the transcendence.game.tick.lateness histogram scraped from GET /metrics at the start and end of each window): for every tick the loop ran, " +
            "the time it started − its due time start + n/60 s; a percentile (and the max) is the upper edge of its bucket (10, 20, 50 µs, 0.1, 0.2, 0.3, 0.5, 0.75, 1 ms …). CPU-µs per room-tick = server CPU in the window / (ticks × playing rooms); " +
            "CPU share is the server's CPU time over wall time (100% = one core). States missing = gaps in `tick` between consecutive States a client got " +
            "for its room, summed over clients (per window). State delivery lag: per client, each State's arrival − tick/60 s minus the smallest such " +
            "value seen in that room; the largest over the window and over clients, i.e. how far delivery fell behind the tick schedule (the client's own clock).");
        if (instances > 1)
        {
            report.Notes.Add($"Across instances: {instances} app instances (PostgreSQL store: the in-memory one cannot scale out) on one PostgreSQL and one throwaway redis-server; " +
                "the k-th pair's host on instance k mod N and its guest on the next, connected directly (no proxy), so each room is owned by its host's instance and its guest plays " +
                "through the bus (inputs relayed to the owner, States through Redis). Server CPU is every instance's plus redis-server's; tick lateness and playing rooms are " +
                "every instance's loop together (one histogram); CPU-µs per room-tick uses one loop's ticks (their mean).");
        }

        report.Notes.Add("The load generator (a minimal SignalR JSON client, reading only room, tick, ball y and paddles from each State) runs on the same cores; its own CPU share is in the table. " +
            "When server + load generator approach 200% (2 cores), lateness includes waiting for a core, not only the server's work.");

        var table = new Table("Per room count", ["rooms", "playing", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "server CPU-µs per room-tick", "server CPU share",
            .. (instances > 1 ? (string[])["of which Redis", "Redis commands per room-tick"] : []), "load generator CPU share", "States missing (per window)", "State delivery lag max ms", "dropped ticks"]);
        report.Tables.Add(table);
        // Scaled out, its own chart file: the one-instance chart of the report stays as it was.
        var chart = new Chart(instances > 1 ? $"game-lateness-x{instances}.svg" : "game-lateness.svg", "p99 tick lateness (server's own)", "rooms", "p99 ms") { Threshold = (LatenessTargetMs, "target: 2 ms") };
        var p99Series = new Series(instances > 1 ? $"Transcendence ({instances} instances + Redis)" : "Transcendence (in-memory)");
        chart.Series.Add(p99Series);
        report.Charts.Add(chart);

        await using var deployment = await TranscendenceDeployment.StartAsync(context, instances > 1 ? Store.Postgres : Store.InMemory, instances, redis: instances > 1, cancellationToken,
            new Dictionary<string, string>
            {
                ["Telemetry__Prometheus__Enabled"] = "true",
                ["Game__QueueTimeout"] = "01:00:00",
            });
        using var api = new TranscendenceApi(deployment.First.BaseAddress);
        using var diagnostics = new GameLoopDiagnostics(deployment.Instances.Select(i => i.BaseAddress));
        using var stopPlaying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pairs = new List<GamePair>();
        var playing = new List<Task>();
        int? largestGood = null;
        try
        {
            foreach (var rooms in sizes)
            {
                if (rooms > pairs.Count)
                {
                    await GrowAsync(rooms);
                }

                var active = pairs.Take(rooms).ToList();
                await Task.Delay(settle, cancellationToken);
                var results = new List<WindowResult>();
                for (var run = 0; run < runs; run++)
                {
                    var result = await MeasureWindowAsync(active);
                    results.Add(result);
                    Console.WriteLine($"  [{run + 1}/{runs}] {rooms} rooms ({result.PlayingRooms} playing): lateness p50 {result.Loop.LatenessMs.P50:0.00} ms, " +
                        $"p99 {result.Loop.LatenessMs.P99:0.00} ms, max {result.Loop.LatenessMs.Max:0.00} ms; {result.CpuMicrosPerRoomTick:0.0} CPU-µs/room-tick, " +
                        $"server {result.ServerShare:P0} (Redis {result.Server.RedisCpuSeconds / result.Wall:P0}), load gen {result.LoadGeneratorShare:P0}; {result.MissingStates} States missing, {result.Loop.DroppedTicks} dropped; " +
                        $"{result.LostConnections} connections lost, {result.Games - rooms} restarts so far; " +
                        $"State delivery lag max {result.MaxStateLagMs:0} ms" + (result.CloseReason is { } why ? $"; a close: {why}" : string.Empty));
                    report.Runs.Add(new()
                    {
                        ["rooms"] = rooms, ["rep"] = run + 1, ["playingRooms"] = result.PlayingRooms, ["ticks"] = result.Loop.Ticks,
                        ["p50"] = result.Loop.LatenessMs.P50, ["p99"] = result.Loop.LatenessMs.P99, ["p999"] = result.Loop.LatenessMs.P999, ["max"] = result.Loop.LatenessMs.Max,
                        ["droppedTicks"] = result.Loop.DroppedTicks, ["serverCpuSeconds"] = result.ServerCpu, ["wallSeconds"] = result.Wall,
                        ["instances"] = instances, ["redisCpuSeconds"] = result.Server.RedisCpuSeconds, ["redisCommands"] = result.Server.RedisCommands, ["redisPublishes"] = result.Server.RedisPublishes,
                        ["loadGeneratorCpuSeconds"] = result.LoadGeneratorCpu, ["statesReceived"] = result.StatesReceived, ["statesMissing"] = result.MissingStates,
                        ["lostConnections"] = result.LostConnections, ["gamesStarted"] = result.Games, ["maxStateLagMs"] = result.MaxStateLagMs,
                    });
                }

                var p99 = Spread.Of(results.Select(r => r.Loop.LatenessMs.P99));
                table.Add([
                    rooms.ToString(CultureInfo.InvariantCulture),
                    Spread.Of(results.Select(r => (double)r.PlayingRooms)).Format(),
                    Spread.Of(results.Select(r => r.Loop.LatenessMs.P50)).Format(),
                    p99.Format(),
                    Spread.Of(results.Select(r => r.Loop.LatenessMs.P999)).Format(),
                    Spread.Of(results.Select(r => r.Loop.LatenessMs.Max)).Format(),
                    Spread.Of(results.Select(r => r.CpuMicrosPerRoomTick)).Format(),
                    Spread.Of(results.Select(r => r.ServerShare * 100)).Format("%"),
                    .. (instances > 1
                        ? (string[])[Spread.Of(results.Select(r => r.Server.RedisCpuSeconds / r.Wall * 100)).Format("%"), Spread.Of(results.Select(r => r.RedisCommandsPerRoomTick)).Format()]
                        : []),
                    Spread.Of(results.Select(r => r.LoadGeneratorShare * 100)).Format("%"),
                    string.Join(", ", results.Select(r => r.MissingStates.ToString(CultureInfo.InvariantCulture))),
                    Spread.Of(results.Select(r => r.MaxStateLagMs)).Format(),
                    results.Sum(r => r.Loop.DroppedTicks).ToString(CultureInfo.InvariantCulture)]);
                if (double.IsFinite(p99.Median))
                {
                    // A tick later than the histogram's last edge (1 s) has no finite upper bound to draw.
                    p99Series.Points.Add(new Point(rooms, p99.Median, p99.Min, double.IsFinite(p99.Max) ? p99.Max : null));
                }
                if (p99.Median < LatenessTargetMs && results.All(r => r.MissingStates == 0))
                {
                    largestGood = rooms;
                }
            }
        }
        finally
        {
            await stopPlaying.CancelAsync();
            await Task.WhenAll(playing.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            await RawHubConnections.DisposeManyAsync(pairs.SelectMany(p => new[] { p.Host, p.Guest }).Select(c => c.Connection));
        }

        var restarts = pairs.Sum(p => Math.Max(p.Games - 1, 0));
        report.Notes.Add(largestGood is { } good
            ? $"Largest room count with median p99 lateness < {LatenessTargetMs} ms and no State missing in any window: **{good}**."
            : $"No room count met p99 lateness < {LatenessTargetMs} ms with no State missing.");
        report.Notes.Add($"Games that ended despite the steering and were restarted: {restarts} over the whole run ({pairs.Count} pairs).");
        var lostPairs = pairs.Count(p => p.Lost);
        if (lostPairs > 0)
        {
            report.Notes.Add($"**{lostPairs} pairs lost a connection** (the server closes a game connection whose Pong is late by a heartbeat, 3 s); " +
                "their rooms ended and were not replaced, so later sizes had fewer playing rooms (see the playing column).");
        }
        return report;

        async Task GrowAsync(int rooms)
        {
            var add = rooms - pairs.Count;
            Console.WriteLine($"{rooms} rooms: signing in and connecting {2 * add} players");
            var users = await api.SignInManyAsync($"g{pairs.Count}-", 2 * add, cancellationToken);
            // Pair k (counted over the whole run): host on instance k mod N, guest on the next.
            var first = pairs.Count;
            var clients = users.Select((u, i) => new GameClient(u, deployment.AddressOf(first + (i / 2) + (i % 2)), onChange)).ToArray();
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (client, token) => await client.StartAsync(token));
            var added = Enumerable.Range(0, add).Select(i => new GamePair(clients[2 * i], clients[(2 * i) + 1])).ToList();
            pairs.AddRange(added);
            playing.AddRange(added.Select(p => Task.Run(() => p.KeepPlayingAsync(stopPlaying.Token), CancellationToken.None)));
            var waited = Stopwatch.StartNew();
            while (pairs.Count(p => p.Playing || p.Lost) < rooms)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(120))
                {
                    var refusal = pairs.Select(p => p.LastRefusal).FirstOrDefault(r => r is not null);
                    throw new TimeoutException($"only {pairs.Count(p => p.Playing)} of {rooms} rooms were playing after 120 s" + (refusal is null ? "" : $"; the server last refused: {refusal}"));
                }

                if (playing.FirstOrDefault(t => t.IsFaulted) is { } failed)
                {
                    await failed;
                }

                await Task.Delay(200, cancellationToken);
            }

            var lost = pairs.Count(p => p.Lost);
            Console.WriteLine($"  {rooms - lost} rooms playing after {waited.Elapsed.TotalSeconds:0.0} s" + (lost > 0 ? $" ({lost} pairs lost a connection)" : string.Empty));
        }

        async Task<WindowResult> MeasureWindowAsync(IReadOnlyList<GamePair> active)
        {
            var clients = active.SelectMany(p => new[] { p.Host, p.Guest }).ToArray();
            var statesBefore = clients.Sum(c => c.States);
            var missingBefore = clients.Sum(c => c.Missing);
            var loadGeneratorBefore = ProcessAccounting.CpuSeconds(Environment.ProcessId);
            foreach (var client in clients)
            {
                client.ResetLag();
            }

            await diagnostics.ResetAsync(cancellationToken);
            var meter = deployment.StartMeter();
            await Task.Delay(measure, cancellationToken);
            var loop = await diagnostics.ReadAsync(cancellationToken);
            var server = meter.StopWindow();
            var (wall, cpu) = (server.WallSeconds, server.CpuSeconds);
            var loadGeneratorCpu = ProcessAccounting.CpuSeconds(Environment.ProcessId) - loadGeneratorBefore;
            var states = clients.Sum(c => c.States) - statesBefore;
            var missing = clients.Sum(c => c.Missing) - missingBefore;
            return new WindowResult(loop, server, loop.PlayingRooms, cpu, loadGeneratorCpu, wall, states, missing, clients.Count(c => c.Lost), active.Sum(p => p.Games),
                clients.Where(c => !c.Lost).Select(c => c.MaxLag.TotalMilliseconds).DefaultIfEmpty(double.NaN).Max(),
                clients.FirstOrDefault(c => c.CloseReason is not null)?.CloseReason);
        }
    }

    private sealed record WindowResult(
        GameLoopReading Loop, ServerWindow Server, int PlayingRooms, double ServerCpu, double LoadGeneratorCpu, double Wall, long StatesReceived, long MissingStates, int LostConnections, int Games,
        double MaxStateLagMs, string? CloseReason)
    {
        public double CpuMicrosPerRoomTick => Loop.Ticks == 0 || PlayingRooms == 0 ? double.NaN : ServerCpu * 1e6 / (Loop.Ticks * (double)PlayingRooms);

        public double RedisCommandsPerRoomTick => Loop.Ticks == 0 || PlayingRooms == 0 ? double.NaN : Server.RedisCommands / (Loop.Ticks * (double)PlayingRooms);

        public double ServerShare => ServerCpu / Wall;

        public double LoadGeneratorShare => LoadGeneratorCpu / Wall;
    }
}
