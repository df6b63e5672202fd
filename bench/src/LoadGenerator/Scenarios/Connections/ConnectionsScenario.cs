using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Connections;

/// <summary>
/// Scenario 3: what an idle hub connection costs the server, and how fast connections are accepted. For
/// each N and each run, a fresh server: the app (in-memory store) with N users signed in first, then N
/// chat-hub connections, one per user with its bearer token; or the bare SignalR hub with N anonymous
/// connections. RSS is read from /proc before connecting and again after the server has settled.
/// </summary>
public sealed class ConnectionsScenario : IScenario
{
    private const string AppSystem = "Transcendence (in-memory)";
    private const string BareSystem = "bare SignalR hub";

    /// <summary>Issue 14: at most this much server memory per idle authenticated connection at 10,000 connections.</summary>
    private const int TargetKibPerConnection = 20;

    public string Name => "connections";

    public string Description => "memory per idle authenticated hub connection and connect rate: Transcendence chat hub vs bare SignalR hub";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var sizes = options.Ints("sizes", options.Quick ? [1000, 2000] : [1000, 5000, 10000]);
        var settle = options.Seconds("settle", 3);
        var parallelism = options.Int("parallelism", 32);
        var systems = options.Strings("systems", "app", "bare");
        var gcdump = options.Flag("gcdump");

        EnsureDescriptors(sizes.Max());

        var report = new Report(Name, "Idle hub connections: memory and connect rate", $"bench/run.sh connections {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"A fresh server per N and run. {AppSystem}: N users signed in through dev-login first, then N connections to /hubs/chat, " +
            $"each a distinct user with its own bearer token (JWT validated, OnConnected registers presence). {BareSystem}: N anonymous connections to " +
            "bench/src/BareServer's /hubs/bare, which does nothing on connect. WebSockets, JSON protocol, negotiation skipped, as a browser client would hold them.");
        report.Notes.Add($"Connect rate = N / time to open all N, {parallelism} handshakes in flight at once. RSS is the server's VmRSS from /proc, read just before " +
            $"connecting and {settle.TotalSeconds:0.#} s after the last connection opened; KiB per connection = (after − before) / N. RSS includes GC heap " +
            "slack (the managed heap grows in steps and is not compacted on demand), so small N are noisy; the managed heap alone is not reported.");
        report.Notes.Add($"Target (issue 14): ≤ {TargetKibPerConnection} KiB per idle authenticated connection at 10,000 connections, the app's row at N = 10,000; the bare hub's row beside it is the framework's own cost.");
        report.Notes.Add("Both servers run with their own default GC (server GC, which in .NET 10 adapts its heap count and size to the load), " +
            "as ASP.NET Core apps ship. The load generator's own memory is not measured.");

        var table = new Table("Idle connections", ["N", "system", "connect rate (conn/s)", "RSS before (MiB)", "RSS after (MiB)", "KiB per connection"]);
        report.Tables.Add(table);
        var chart = new Chart("connections-memory.svg", "Server memory per idle hub connection", "connections", "KiB per connection", LogX: true)
        {
            Threshold = (TargetKibPerConnection, $"target: {TargetKibPerConnection} KiB at 10,000"),
        };
        report.Charts.Add(chart);
        var rateChart = new Chart("connections-rate.svg", "Connect rate", "connections", "connections / s", LogX: true);
        report.Charts.Add(rateChart);
        var heapTable = new Table("Managed heap (--gcdump)", ["N", "system", "live managed KiB per connection"]);
        if (gcdump)
        {
            report.Notes.Add("--gcdump: a heap dump (dotnet-gcdump, which forces a full collection) before connecting and with all N open; live managed " +
                "KiB per connection = (heap after − heap before) / N, without the GC's slack. Dumps and type reports: bench/results/logs/connections/.");
            report.Tables.Add(heapTable);
        }

        foreach (var n in sizes)
        {
            Console.WriteLine($"{n:N0} connections");
            foreach (var system in systems)
            {
                var name = system == "bare" ? BareSystem : AppSystem;
                var results = new List<Result>();
                for (var rep = 0; rep < options.Runs; rep++)
                {
                    var dump = gcdump ? Path.Combine(context.LogDirectory, $"{system}-{n}-{rep + 1}.gcdump") : null;
                    var result = system == "bare"
                        ? await MeasureBareAsync(context, n, parallelism, settle, dump, cancellationToken)
                        : await MeasureAppAsync(context, n, parallelism, settle, dump, cancellationToken);
                    results.Add(result);
                    Console.WriteLine($"  [{rep + 1}/{options.Runs}] {name}: {result.ConnectsPerSecond:N0} conn/s, RSS {Mib(result.RssBefore):0.0} → {Mib(result.RssAfter):0.0} MiB, " +
                        $"{result.KibPerConnection:0.0} KiB/conn" + (result.HeapKibPerConnection is { } heap ? $", live managed {heap:0.0} KiB/conn" : ""));
                    report.Runs.Add(new()
                    {
                        ["connections"] = n, ["system"] = name, ["rep"] = rep + 1, ["connectSeconds"] = result.ConnectSeconds,
                        ["connectsPerSecond"] = result.ConnectsPerSecond, ["rssBeforeBytes"] = result.RssBefore, ["rssAfterBytes"] = result.RssAfter,
                        ["kibPerConnection"] = result.KibPerConnection, ["heapKibPerConnection"] = result.HeapKibPerConnection,
                    });
                }

                var perConnection = Spread.Of(results.Select(r => r.KibPerConnection));
                var rate = Spread.Of(results.Select(r => r.ConnectsPerSecond));
                table.Add(n.ToString("N0", CultureInfo.InvariantCulture), name, rate.Format(),
                    Spread.Of(results.Select(r => Mib(r.RssBefore))).Format(), Spread.Of(results.Select(r => Mib(r.RssAfter))).Format(), perConnection.Format());
                if (gcdump)
                {
                    heapTable.Add(n.ToString("N0", CultureInfo.InvariantCulture), name, Spread.Of(results.Select(r => r.HeapKibPerConnection ?? 0)).Format());
                }

                Series(chart, name).Points.Add(new Point(n, perConnection.Median, perConnection.Min, perConnection.Max));
                Series(rateChart, name).Points.Add(new Point(n, rate.Median, rate.Min, rate.Max));
            }
        }

        return report;
    }

    private static async Task<Result> MeasureAppAsync(BenchContext context, int n, int parallelism, TimeSpan settle, string? dump, CancellationToken ct)
    {
        await using var server = await TranscendenceServer.StartAsync(context, Store.InMemory, ct);
        using var api = new TranscendenceApi(server.BaseAddress);
        var started = Stopwatch.StartNew();
        var users = await api.SignInManyAsync("idle", n, ct);
        Console.WriteLine($"    {n:N0} users signed in ({started.Elapsed.TotalSeconds:0.0} s)");
        return await MeasureAsync(server, users.Select(u => HubConnections.Build(server.BaseAddress, "/hubs/chat", u.AccessToken)).ToList(), parallelism, settle, dump, ct);
    }

    private static async Task<Result> MeasureBareAsync(BenchContext context, int n, int parallelism, TimeSpan settle, string? dump, CancellationToken ct)
    {
        await using var server = await BareSignalRServer.StartAsync(context, ct);
        return await MeasureAsync(server, Enumerable.Range(0, n).Select(_ => HubConnections.Build(server.BaseAddress, "/hubs/bare", null)).ToList(), parallelism, settle, dump, ct);
    }

    private static async Task<Result> MeasureAsync(
        ServerProcess server, List<HubConnection> connections, int parallelism, TimeSpan settle, string? dump, CancellationToken ct)
    {
        try
        {
            // Whatever the sign-ins or start-up left to do settles first, so "before" is the idle server.
            await Task.Delay(settle, ct);
            // The dump forces a full collection: taken before "before" is read, so both RSS readings stay comparable.
            var heapBefore = dump is null ? (long?)null : await GcDumpAsync(server.Pid, dump.Replace(".gcdump", "-before.gcdump", StringComparison.Ordinal), ct);
            var before = server.ResidentBytes;
            var started = Stopwatch.GetTimestamp();
            await HubConnections.StartManyAsync(connections, ct, parallelism);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(settle, ct);
            var after = server.ResidentBytes;
            var open = connections.Count(c => c.State == HubConnectionState.Connected);
            if (open != connections.Count)
            {
                throw new InvalidOperationException($"{server.Name}: only {open} of {connections.Count} connections stayed open");
            }

            var heapAfter = dump is null ? (long?)null : await GcDumpAsync(server.Pid, dump, ct);
            return new Result(connections.Count, seconds, before, after, heapAfter - heapBefore);
        }
        finally
        {
            await HubConnections.DisposeManyAsync(connections);
        }
    }

    /// <summary>
    /// The load generator and the server each hold N sockets; both inherit this process's limit, which
    /// bench/run.sh raised as far as it could. Refuses up front rather than failing at connection 1,000-odd.
    /// </summary>
    private static void EnsureDescriptors(int connections)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        if (soft is null || soft == "unlimited")
        {
            return;
        }

        var limit = long.Parse(soft, CultureInfo.InvariantCulture);
        var needed = connections + 1024L;
        Console.WriteLine($"  open-files limit {limit:N0} per process (each side needs about {needed:N0})");
        if (limit < needed)
        {
            throw new InvalidOperationException(
                $"the open-files limit is {limit:N0}; {connections:N0} connections need about {needed:N0} in each process: run through bench/run.sh, or raise ulimit -n");
        }
    }

    /// <summary>
    /// <c>--gcdump true</c>: the server's managed heap (the dump forces a full collection) and its type report beside
    /// it, before connecting and with all N connections open: what an idle connection keeps, by type. Returns the
    /// heap's size in bytes.
    /// </summary>
    private static async Task<long> GcDumpAsync(int pid, string path, CancellationToken ct)
    {
        await RunToolAsync(["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", path], null, ct);
        var report = Path.ChangeExtension(path, ".txt");
        await RunToolAsync(["report", path], report, ct);
        Console.WriteLine($"    heap dump: {path} (types: {report})");
        // The report's first line: "   75,820,019  GC Heap bytes".
        var first = File.ReadLines(report).First(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
        return long.Parse(first.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static async Task RunToolAsync(string[] arguments, string? output, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet-gcdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "--gcdump needs dotnet-gcdump on PATH: dotnet tool install --global dotnet-gcdump (then add ~/.dotnet/tools to PATH)", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', arguments)} failed: {await stderr}{await stdout}");
            }

            if (output is not null)
            {
                await File.WriteAllTextAsync(output, await stdout, ct);
            }
        }
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

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

    private sealed record Result(int Connections, double ConnectSeconds, long RssBefore, long RssAfter, long? HeapGrowth)
    {
        /// <summary>Live managed objects the connections added (two heap dumps, each after a full collection); with <c>--gcdump true</c> only.</summary>
        public double? HeapKibPerConnection => HeapGrowth / 1024.0 / Connections;

        public double ConnectsPerSecond => Connections / ConnectSeconds;

        public double KibPerConnection => (RssAfter - RssBefore) / 1024.0 / Connections;
    }
}
