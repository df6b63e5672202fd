using System.Globalization;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Scenarios.Chat;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.ChatChannels;

/// <summary>
/// Chat, many channels: 50 channels × 20 members, one sender per channel, on every system at once, measured in
/// turns. At a normal fixed rate (10k deliveries/s by default): server CPU per delivery and latency; at
/// saturation (each channel keeps a few messages in flight): the peak and its CPU. The socket.io systems'
/// members are socket.io's official client (bench/peers/socketio-plain/driver.mjs).
/// </summary>
public sealed class ChatChannelsScenario : IScenario
{
    private const string PlainSocketIo = "plain socket.io 4.8";

    public string Name => "chat-channels";

    public string Description => "chat, many channels (50 × 20, one sender each): bare hub vs Transcendence (in-memory, PostgreSQL) vs plain socket.io and NestJS, socket.io's own client";

    public static IReadOnlyList<string> SystemNames { get; } = ["bare", "inmemory", "postgres", "socketio", "nest"];

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var channels = options.Int("channels", 50);
        var members = options.Int("members", 20);
        var rate = options.Double("rate", 10_000);
        var window = options.Int("window", 4);
        var warmup = options.Seconds("warmup", options.Quick ? 1 : 2);
        var measure = options.Seconds("measure", options.Quick ? 2 : 5);
        var systemNames = options.Strings("systems", SystemNames.ToArray());
        var messagesPerSecond = rate / members;

        var report = new Report(Name, "Chat, many channels", $"bench/run.sh chat-channels {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"{channels} channels × {members} members, each member on its own WebSocket; member 0 of each channel sends. Fixed rate: {rate:N0} deliveries/s offered " +
            $"({messagesPerSecond:N0} messages/s, the channels in turn, open loop), latency timed from each message's scheduled send time. Saturation: each channel keeps " +
            $"{window} messages in flight (until all its members have them). A discarded saturation run primes each system; each run warms up {warmup.TotalSeconds:0.#} s, then measures {measure.TotalSeconds:0.#} s.");
        report.Notes.Add("Members: the load generator's minimal SignalR JSON client for the SignalR systems; for the socket.io servers (a plain socket.io 4.8 server, bench/peers/socketio-plain, " +
            "and the NestJS gateway, bench/peers/nest-chat) socket.io's official client, socket.io-client 4.8, one socket each, in one Node process (driver.mjs). " +
            "Server CPU is the server process's own user+system time from /proc; load generator CPU is this process's (SignalR systems) or the driver's (socket.io) over the same window: " +
            "one Node thread tops out at 100 %, so a socket.io saturation peak with the driver near 100 % is the driver's limit as much as the server's.");

        var atRate = new Table($"At a fixed rate: {rate:N0} deliveries/s offered", ["system", "deliveries/s", "server CPU share", "deliveries per server CPU-s", $"vs {PlainSocketIo} (per CPU-s, same run)", "p50 ms", "p99 ms", "p99.9 ms", "load generator CPU share", "undelivered"]);
        var saturation = new Table("Saturation", ["system", "deliveries/s", "server CPU share", "deliveries per server CPU-s", $"peak vs {PlainSocketIo} (same run)", "load generator CPU share", "undelivered"]);
        report.Tables.Add(atRate);
        report.Tables.Add(saturation);

        var systems = new List<IChannelsSystem>();
        try
        {
            foreach (var name in systemNames)
            {
                Console.WriteLine($"{name}: opening {channels} channels × {members} members");
                systems.Add(await OpenAsync(name, context, channels, members, cancellationToken));
            }

            foreach (var system in systems)
            {
                var primed = await system.SaturateAsync(window, warmup, measure, cancellationToken);
                Console.WriteLine($"  priming {system.Name}: {primed.DeliveriesPerSecond:N0} deliveries/s");
            }

            var rateRuns = systems.ToDictionary(s => s, _ => new List<WindowResult>());
            var peakRuns = systems.ToDictionary(s => s, _ => new List<WindowResult>());
            for (var rep = 0; rep < options.Runs; rep++)
            {
                await InTurnAsync("rate", rep, rateRuns, system => system.AtRateAsync(messagesPerSecond, warmup, measure, cancellationToken));
                await InTurnAsync("saturation", rep, peakRuns, system => system.SaturateAsync(window, warmup, measure, cancellationToken));
            }

            var socketIo = systems.FirstOrDefault(s => s.Name == PlainSocketIo);
            var onRedis = systems.OfType<HubChannelsSystem>().Where(s => s.System.OnRedis).ToList();
            if (onRedis.Count > 0)
            {
                var busBaseline = systems.OfType<HubChannelsSystem>().FirstOrDefault(s => s.System is TranscendenceChatSystem { OnRedis: false, Store: Store.Postgres });
                var atRateBus = new Table($"Across instances at {rate:N0} deliveries/s: the bus's cost", ["system", .. BusCost.Columns]);
                var peakBus = new Table("Across instances at saturation: the bus's cost", ["system", .. BusCost.Columns]);
                foreach (var system in onRedis)
                {
                    atRateBus.Add([system.Name, .. BusCost.Cells(system.System.Instances, Windows(rateRuns, system)!, Windows(rateRuns, busBaseline))]);
                    peakBus.Add([system.Name, .. BusCost.Cells(system.System.Instances, Windows(peakRuns, system)!, Windows(peakRuns, busBaseline))]);
                }

                report.Tables.Add(atRateBus);
                report.Tables.Add(peakBus);
                report.Notes.Add(ChatFanOutScenario.AcrossInstancesNote);
            }

            foreach (var system in systems)
            {
                var results = rateRuns[system];
                atRate.Add(system.Name, Of(results, r => r.DeliveriesPerSecond), Of(results, r => r.ServerCpuShare, "%"), Of(results, r => r.DeliveriesPerServerCpuSecond),
                    Ratio(system, rateRuns, r => r.DeliveriesPerServerCpuSecond, "×"), Of(results, r => r.Latency?.P50 ?? double.NaN), Of(results, r => r.Latency?.P99 ?? double.NaN),
                    Of(results, r => r.Latency?.P999 ?? double.NaN), Of(results, r => r.LoadCpuShare, "%"), Total(results));
                var peaks = peakRuns[system];
                saturation.Add(system.Name, Of(peaks, r => r.DeliveriesPerSecond), Of(peaks, r => r.ServerCpuShare, "%"), Of(peaks, r => r.DeliveriesPerServerCpuSecond),
                    Ratio(system, peakRuns, r => r.DeliveriesPerSecond, "×"), Of(peaks, r => r.LoadCpuShare, "%"), Total(peaks));
            }

            async Task InTurnAsync(string kind, int rep, Dictionary<IChannelsSystem, List<WindowResult>> runs, Func<IChannelsSystem, Task<WindowResult>> measureOne)
            {
                foreach (var system in systems)
                {
                    var result = await measureOne(system);
                    runs[system].Add(result);
                    Console.WriteLine($"  [{rep + 1}/{options.Runs}] {kind} {system.Name}: {result.DeliveriesPerSecond:N0} deliveries/s, {result.DeliveriesPerServerCpuSecond:N0} per server CPU-s, " +
                        $"p99 {result.Latency?.P99:0.00} ms, load generator {result.LoadCpuShare:0}%, undelivered {result.Undelivered}");
                    report.Runs.Add(Record(kind, system, rep, result));
                }
            }

            string Ratio(IChannelsSystem system, Dictionary<IChannelsSystem, List<WindowResult>> runs, Func<WindowResult, double> figure, string unit) =>
                socketIo is null || socketIo == system
                    ? "–"
                    : Spread.Of(runs[system].Zip(runs[socketIo], (mine, theirs) => figure(mine) / figure(theirs))).Format(unit);
        }
        finally
        {
            foreach (var system in systems)
            {
                await system.DisposeAsync();
            }
        }

        return report;
    }

    private static async Task<IChannelsSystem> OpenAsync(string name, BenchContext context, int channels, int members, CancellationToken ct) => name switch
    {
        "socketio" => await SocketIoChannelsSystem.OpenAsync(PlainSocketIo, await PlainSocketIoServer.StartAsync(context, ct), context, channels, members, ct),
        "nest" => await SocketIoChannelsSystem.OpenAsync("NestJS + socket.io", await NestPeerServer.StartAsync(context, ct), context, channels, members, ct),
        _ when ChatSystems.Knows(name) => await HubChannelsSystem.OpenAsync(await ChatSystems.StartAsync(name, context, ct), channels, members, ct),
        _ => throw new ArgumentException($"unknown system '{name}'; known: {string.Join(", ", SystemNames)}"),
    };

    private static List<DeliveryWindow>? Windows(Dictionary<IChannelsSystem, List<WindowResult>> runs, IChannelsSystem? system) =>
        system is null ? null : runs[system].Select(r => r.Window!).ToList();

    private static Dictionary<string, object?> Record(string kind, IChannelsSystem system, int rep, WindowResult result) => new()
    {
        ["kind"] = kind, ["system"] = system.Name, ["rep"] = rep + 1, ["deliveries"] = result.Deliveries, ["wallSeconds"] = result.WallSeconds,
        ["serverCpuSeconds"] = result.ServerCpuSeconds, ["loadCpuSeconds"] = result.LoadCpuSeconds, ["p50"] = result.Latency?.P50, ["p99"] = result.Latency?.P99,
        ["p999"] = result.Latency?.P999, ["max"] = result.Latency?.Max, ["undelivered"] = result.Undelivered, ["failedSends"] = result.Failed,
        ["appCpuSeconds"] = result.Window?.Server.AppCpuSeconds, ["redisCpuSeconds"] = result.Window?.Server.RedisCpuSeconds, ["redisPublishes"] = result.Window?.Server.RedisPublishes, ["redisCommands"] = result.Window?.Server.RedisCommands,
    };

    private static string Of(IEnumerable<WindowResult> results, Func<WindowResult, double> figure, string unit = "") => Spread.Of(results.Select(figure)).Format(unit);

    private static string Total(IEnumerable<WindowResult> results) => results.Sum(r => r.Undelivered).ToString(CultureInfo.InvariantCulture);
}
