using System.Globalization;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Http;

/// <summary>
/// Scenario 4: requests per second, latency and server CPU per request for the two hot reads,
/// <c>GET /api/users/{id}</c> and a full default page of <c>GET /api/channels/{id}/messages</c>, on the app
/// with either store and on the floor: the same SQL through bare Npgsql in a minimal API
/// (bench/src/BareServer), against the Postgres app's own database. Driven by wrk, in turns, so each
/// repetition compares the systems within a minute of each other.
/// </summary>
public sealed class HttpScenario : IScenario
{
    private const string InMemory = "Transcendence (in-memory)";
    private const string Postgres = "Transcendence (PostgreSQL)";
    private const string Floor = "bare Npgsql floor";

    public string Name => "http";

    public string Description => "HTTP reads (profile, channel history page): Transcendence on both stores vs the same SQL through bare Npgsql";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var warmup = options.Seconds("warmup", options.Quick ? 1 : 3);
        var measure = options.Seconds("measure", options.Quick ? 3 : 10);
        var connections = options.Int("connections", 32);
        var threads = options.Int("threads", 1);
        var messages = options.Int("messages", 200);
        var senders = options.Int("senders", 4);
        var systemNames = options.Strings("systems", "inmemory", "postgres", "floor");
        // Npgsql settings appended to the database's connection string for both the app and the floor,
        // e.g. --npgsql "Max Auto Prepare=20" to see what prepared statements would save.
        var npgsql = options.String("npgsql", "");
        var routes = options.Strings("routes", "user", "messages").Select(r => r == "user" ? HttpRoutes.User : HttpRoutes.Messages).ToList();

        var report = new Report(Name, "HTTP reads", $"bench/run.sh http {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"wrk, {threads} thread(s), {connections} keep-alive connections, closed loop (each connection sends its next request when the answer is in), " +
            $"so throughput is the saturated rate and latency includes queueing at that rate. Each run: {warmup.TotalSeconds:0.#} s of wrk as warm-up, then " +
            $"{measure.TotalSeconds:0.#} s measured; the systems take turns within each repetition. wrk rather than an HttpClient loop: it is C, one " +
            "thread, cheap per request, so it leaves the server the most of the shared cores.");
        report.Notes.Add($"Data, seeded through the app's own API (dev-login, POST /api/channels, join, SendMessage on /hubs/chat): a reader who owns a public channel " +
            $"of {senders + 2} members holding {messages} messages from {senders} senders; the profile read is another member's (no matches played). " +
            "The history request is the default page (limit 50, newest first). The app requests carry the reader's bearer token (the app validates the JWT " +
            "on every request); the floor gets the same header and ignores it, its reader comes as ?as={id}.");
        report.Notes.Add("The floor (bench/src/BareServer, /floor/…) runs the very statements the app's Postgres repositories run for these reads, the same round trips " +
            "(profile: user with blocks, stats, achievements, rank — 4; history: reader, channel with its members/invites/bans/mutes in one batch, the page, the senders' names — 4) " +
            "but on one pooled connection per request, with no auth, mediator, Dapper, domain model or request logging, into the same JSON shape; it reads the " +
            "Postgres app's database while the app stays up idle.");
        report.Notes.Add("Server CPU is the server process's user+system time from /proc over the measured window, per request wrk completed; PostgreSQL CPU is the " +
            "bench cluster's (postmaster and every backend); WAL bytes per request is how far the cluster's write-ahead log moved (a pure read should not move it). wrk, the server and PostgreSQL share the same cores, so req/s is bounded by the machine; CPU per " +
            "request is the more portable figure. Ratios are per repetition (app ÷ floor of the same repetition), then the median.");

        var table = new Table("Requests", ["route", "system", "req/s", "p50 ms", "p99 ms", "server CPU-µs/req", "PostgreSQL CPU-µs/req", "WAL bytes/req", "req/s vs floor", "server CPU/req vs floor", "errors"]);
        report.Tables.Add(table);
        var chart = new Chart("http-cpu.svg", "Server CPU per request", "route (1 = profile, 2 = history page)", "server CPU-µs / request");
        report.Charts.Add(chart);

        var targets = new List<HttpTarget>();
        PostgresCpu? postgresCpu = null;
        try
        {
            string? database = null;
            HttpSeed? postgresSeed = null;
            foreach (var name in systemNames)
            {
                switch (name)
                {
                    case "inmemory":
                        targets.Add(await StartAppAsync(InMemory, Store.InMemory, null));
                        break;
                    case "postgres":
                        database = await BenchPostgres.CreateDatabaseAsync();
                        if (npgsql.Length > 0)
                        {
                            database = $"{database};{npgsql}";
                            report.Notes.Add($"Npgsql connection string settings added for the app and the floor: {npgsql}.");
                        }

                        var target = await StartAppAsync(Postgres, Store.Postgres, database);
                        postgresSeed = Seeds[target];
                        targets.Add(target);
                        break;
                    case "floor":
                        if (database is null || postgresSeed is null)
                        {
                            throw new ArgumentException("the floor reads the PostgreSQL app's database: list 'postgres' before 'floor' in --systems");
                        }

                        var floor = await BareSignalRServer.StartAsync(context, cancellationToken, new Dictionary<string, string> { ["ConnectionStrings__Floor"] = database });
                        targets.Add(new HttpTarget(Floor, floor,
                            new Uri(floor.BaseAddress, $"/floor/users/{postgresSeed.ProfileId}"),
                            new Uri(floor.BaseAddress, $"/floor/channels/{postgresSeed.ChannelId}/messages?as={postgresSeed.Reader.Id}"),
                            [HttpProbe.Bearer(postgresSeed.Reader.AccessToken)], IsFloor: true));
                        break;
                    default:
                        throw new ArgumentException($"unknown system '{name}'; known: inmemory, postgres, floor");
                }
            }

            if (database is not null)
            {
                postgresCpu = await PostgresCpu.FindAsync(database, cancellationToken);
            }

            foreach (var route in routes)
            {
                foreach (var target in targets)
                {
                    var (bytes, items) = await HttpProbe.CheckAsync(target.Url(route), target.Headers, cancellationToken);
                    Console.WriteLine($"  {route} on {target.Name}: 200, {bytes:N0} bytes{(items > 1 ? $", {items} items" : "")}");
                    report.Notes.Add($"{route} on {target.Name}: {bytes:N0} bytes of JSON{(items > 1 ? $" ({items} messages)" : "")}.");
                }
            }

            var routeIndex = 0;
            foreach (var route in routes)
            {
                routeIndex++;
                Console.WriteLine(route);
                var runs = targets.ToDictionary(t => t, _ => new List<RunResult>());
                for (var rep = 0; rep < options.Runs; rep++)
                {
                    foreach (var target in targets)
                    {
                        var url = target.Url(route);
                        await Wrk.RunAsync(url, threads, connections, warmup, target.Headers, cancellationToken);
                        var meter = ServerMeter.Start(target.Server);
                        var walBefore = postgresCpu is null ? 0 : await postgresCpu.WalPositionAsync(cancellationToken);
                        var dbBefore = postgresCpu?.CpuSeconds();
                        var result = await Wrk.RunAsync(url, threads, connections, measure, target.Headers, cancellationToken);
                        var (_, cpu) = meter.Stop();
                        var dbCpu = postgresCpu is null || target.Name == InMemory ? double.NaN : postgresCpu.CpuSeconds() - dbBefore!.Value;
                        var wal = postgresCpu is null || target.Name == InMemory ? double.NaN : await postgresCpu.WalPositionAsync(cancellationToken) - walBefore;
                        var run = new RunResult(result, cpu, dbCpu, wal);
                        runs[target].Add(run);
                        Console.WriteLine($"  [{rep + 1}/{options.Runs}] {target.Name}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, " +
                            $"server {run.ServerMicrosPerRequest:0} CPU-µs/req{(double.IsNaN(dbCpu) ? "" : $", PostgreSQL {run.DbMicrosPerRequest:0} CPU-µs/req, {run.WalBytesPerRequest:0.#} WAL bytes/req")}" +
                            $"{(result.Errors > 0 ? $", {result.Errors} errors" : "")}");
                        report.Runs.Add(new()
                        {
                            ["route"] = route, ["system"] = target.Name, ["rep"] = rep + 1, ["requestsPerSecond"] = result.RequestsPerSecond,
                            ["requests"] = result.Requests, ["seconds"] = result.Seconds, ["p50"] = result.P50, ["p90"] = result.P90, ["p99"] = result.P99,
                            ["errors"] = result.Errors, ["serverCpuSeconds"] = cpu, ["postgresCpuSeconds"] = double.IsNaN(dbCpu) ? null : dbCpu, ["walBytes"] = double.IsNaN(wal) ? null : wal,
                        });
                    }
                }

                var floor = targets.FirstOrDefault(t => t.IsFloor);
                foreach (var target in targets)
                {
                    var results = runs[target];
                    var cpu = Spread.Of(results.Select(r => r.ServerMicrosPerRequest));
                    var compare = floor is not null && target.Name == Postgres;
                    table.Add(route, target.Name,
                        Spread.Of(results.Select(r => r.Wrk.RequestsPerSecond)).Format(),
                        Spread.Of(results.Select(r => r.Wrk.P50)).Format(),
                        Spread.Of(results.Select(r => r.Wrk.P99)).Format(),
                        cpu.Format(),
                        Spread.Of(results.Select(r => r.DbMicrosPerRequest)).Format(),
                        Spread.Of(results.Select(r => r.WalBytesPerRequest)).Format(),
                        compare ? Spread.Of(results.Zip(runs[floor!], (mine, bare) => mine.Wrk.RequestsPerSecond / bare.Wrk.RequestsPerSecond * 100)).Format("%") : "–",
                        compare ? Spread.Of(results.Zip(runs[floor!], (mine, bare) => mine.ServerMicrosPerRequest / bare.ServerMicrosPerRequest)).Format("×") : "–",
                        results.Sum(r => r.Wrk.Errors).ToString(CultureInfo.InvariantCulture));
                    Series(chart, target.Name).Points.Add(new Point(routeIndex, cpu.Median, cpu.Min, cpu.Max));
                }
            }
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.Server.DisposeAsync();
            }
        }

        return report;

        async Task<HttpTarget> StartAppAsync(string name, Store store, string? database)
        {
            var server = await TranscendenceServer.StartAsync(context, store, cancellationToken,
                database is null ? null : new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database });
            try
            {
                var seed = await HttpSeed.CreateAsync(server.BaseAddress, senders, messages, cancellationToken);
                Console.WriteLine($"  {name}: seeded ({senders + 2} users, a channel of {messages} messages)");
                var target = new HttpTarget(name, server,
                    new Uri(server.BaseAddress, $"/api/users/{seed.ProfileId}"),
                    new Uri(server.BaseAddress, $"/api/channels/{seed.ChannelId}/messages"),
                    [HttpProbe.Bearer(seed.Reader.AccessToken)], IsFloor: false);
                Seeds[target] = seed;
                return target;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private Dictionary<HttpTarget, HttpSeed> Seeds { get; } = [];

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

    private sealed record RunResult(WrkResult Wrk, double ServerCpuSeconds, double DbCpuSeconds, double WalBytes)
    {
        public double ServerMicrosPerRequest => ServerCpuSeconds * 1e6 / Wrk.Requests;

        public double DbMicrosPerRequest => DbCpuSeconds * 1e6 / Wrk.Requests;

        public double WalBytesPerRequest => WalBytes / Wrk.Requests;
    }
}
