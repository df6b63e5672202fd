using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Reporting;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Matchmaking;

/// <summary>
/// Scenario 5: U users, all connected to the game hub first, then all call <c>JoinQueue("classic")</c> as
/// fast as the server takes it (a bounded number of invocations in flight). Pairs per second, the wait
/// from each call to its <c>Matched</c>, server CPU per pair; every user must be matched exactly once.
/// Between runs every pair's host leaves its room (which frees both), so the same users queue again.
/// Optionally a second set of runs where a share of the users block the user queued right after them.
/// </summary>
public sealed class MatchmakingScenario : IScenario
{
    public string Name => "matchmaking";

    public string Description => "matchmaking: U users join the classic queue at once; pairs/s, queue wait, exactly-once matching, blocks respected";

    public async Task<Report> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var userCount = options.Int("users", options.Quick ? 1000 : 10_000);
        var inFlight = options.Int("concurrency", 200);
        var blockShare = options.Double("block-share", 0.01);
        var settleLimit = options.Seconds("match-timeout", 30);
        var runs = options.Runs;
        var heartbeat = options.String("heartbeat", string.Empty);
        if (userCount % 2 != 0)
        {
            throw new ArgumentException("--users must be even");
        }

        var report = new Report(Name, "Matchmaking", $"bench/run.sh matchmaking {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}".Trim());
        report.Notes.Add($"The app (Release, in-memory store) on 127.0.0.1 with Game:QueueTimeout raised to 1 h (so no waiting room closes during a run); " +
            $"{userCount:N0} signed-in users, one game-hub connection each (WebSockets, JSON, connected 32 at a time before the run, every Ping answered).");
        report.Notes.Add($"A run: every user calls JoinQueue(\"classic\"), in user order, with at most {inFlight} invocations in flight. Queue wait = from a user's " +
            "JoinQueue call to its Matched event (both players of a pair). Pairs/s = matched pairs / (last Matched − first JoinQueue). Server CPU per pair = " +
            "the server's CPU time over that span / pairs. After a run each pair's host leaves the room (freeing both) and unmatched users leave the queue.");
        report.Notes.Add($"Every user must get exactly one Matched per run ({userCount / 2:N0} pairs); 'unmatched' are users with none after {settleLimit.TotalSeconds:0} s " +
            "without progress whose connection stayed open, 'repeated' users with more than one. A connection the server closes (its Pong a " +
            "heartbeat late) is not reopened: its user counts under 'connections lost', not 'unmatched'.");

        var table = new Table("Matchmaking", ["variant", "users", "pairs/s", "queue wait p50 ms", "p99 ms", "max ms", "server CPU-µs per pair", "unmatched (per run)", "repeated", "failed JoinQueue", "blocked pairs matched", "connections lost (cumulative)"]);
        report.Tables.Add(table);

        var settings = new Dictionary<string, string> { ["Game__QueueTimeout"] = "01:00:00" };
        if (heartbeat.Length > 0)
        {
            // Diagnosis only: a longer Game:HeartbeatInterval than the protocol's 3 s (see the note).
            settings["Game__HeartbeatInterval"] = heartbeat;
            report.Notes.Add($"**Game:HeartbeatInterval was raised to {heartbeat}** for this run (--heartbeat): not the protocol's 3 s.");
        }

        await using var server = await TranscendenceServer.StartAsync(context, Store.InMemory, cancellationToken, settings);
        using var api = new TranscendenceApi(server.BaseAddress);
        Console.WriteLine($"signing in {userCount:N0} users");
        var accounts = await api.SignInManyAsync("mm", userCount, cancellationToken);
        var users = accounts.Select((u, i) => new QueueingUser(i, u, server.BaseAddress)).ToArray();
        try
        {
            Console.WriteLine($"connecting {userCount:N0} game-hub connections");
            var connecting = Stopwatch.StartNew();
            await HubConnections.StartManyAsync(users.Select(u => u.Connection).ToArray(), cancellationToken);
            Console.WriteLine($"  connected in {connecting.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            Console.WriteLine($"  {users.Count(u => u.Lost)} connections lost before the first run (heartbeat)");

            await RunVariantAsync("no blocks", []);
            if (blockShare > 0)
            {
                // User i blocks user i+1, the one who queues right after them: the pair most likely to meet.
                var every = Math.Max((int)Math.Round(1 / blockShare), 2);
                var blocks = Enumerable.Range(0, userCount / every).Select(k => (Blocker: users[k * every], Blocked: users[(k * every) + 1])).ToList();
                Console.WriteLine($"{blocks.Count} users block the next user in the queue");
                await Parallel.ForEachAsync(blocks, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (block, ct) =>
                {
                    using var request = TranscendenceApi.Authorized(HttpMethod.Put, $"/api/users/me/blocks/{block.Blocked.User.Id}", block.Blocker.User);
                    using var response = await api.SendAsync(request, ct);
                    await TranscendenceApi.EnsureSuccessAsync(response, "block", ct);
                });
                await RunVariantAsync($"{blocks.Count} blocks ({blockShare:P0} of users)", blocks.Select(b => (b.Blocker.User.Id, b.Blocked.User.Id)).ToList());
            }
        }
        finally
        {
            await HubConnections.DisposeManyAsync(users.Select(u => u.Connection));
        }

        return report;

        async Task RunVariantAsync(string variant, IReadOnlyList<(Guid, Guid)> blocked)
        {
            Console.WriteLine($"{variant}: {userCount:N0} users");
            var blockedPairs = blocked.SelectMany(b => new[] { (b.Item1, b.Item2), (b.Item2, b.Item1) }).ToHashSet();
            var results = new List<RunResult>();
            for (var rep = 0; rep < runs; rep++)
            {
                var result = await RunOnceAsync(blockedPairs);
                results.Add(result);
                Console.WriteLine($"  [{rep + 1}/{runs}] {result.Pairs:N0} pairs in {result.Seconds:0.00} s = {result.PairsPerSecond:N0} pairs/s; wait p50 {result.Wait.P50:0.0} ms, " +
                    $"p99 {result.Wait.P99:0.0} ms, max {result.Wait.Max:0.0} ms; {result.CpuMicrosPerPair:0} CPU-µs/pair; unmatched {result.Unmatched}, repeated {result.Repeated}, " +
                    $"failed {result.Failed}, blocked pairs matched {result.BlockedMatched}, " +
                    $"connections lost so far {result.LostConnections}" + (result.CloseReason is { } why ? $" ({why})" : string.Empty));
                report.Runs.Add(new()
                {
                    ["variant"] = variant, ["rep"] = rep + 1, ["users"] = userCount, ["pairs"] = result.Pairs, ["seconds"] = result.Seconds,
                    ["pairsPerSecond"] = result.PairsPerSecond, ["p50"] = result.Wait.P50, ["p99"] = result.Wait.P99, ["max"] = result.Wait.Max,
                    ["serverCpuSeconds"] = result.CpuSeconds, ["unmatched"] = result.Unmatched, ["repeated"] = result.Repeated, ["failed"] = result.Failed,
                    ["blockedPairsMatched"] = result.BlockedMatched, ["lostConnections"] = result.LostConnections,
                });
            }

            table.Add(
                variant,
                userCount.ToString("N0", CultureInfo.InvariantCulture),
                Spread.Of(results.Select(r => r.PairsPerSecond)).Format(),
                Spread.Of(results.Select(r => r.Wait.P50)).Format(),
                Spread.Of(results.Select(r => r.Wait.P99)).Format(),
                Spread.Of(results.Select(r => r.Wait.Max)).Format(),
                Spread.Of(results.Select(r => r.CpuMicrosPerPair)).Format(),
                string.Join(", ", results.Select(r => r.Unmatched.ToString(CultureInfo.InvariantCulture))),
                results.Sum(r => r.Repeated).ToString(CultureInfo.InvariantCulture),
                results.Sum(r => r.Failed).ToString(CultureInfo.InvariantCulture),
                blocked.Count == 0 ? "–" : results.Sum(r => r.BlockedMatched).ToString(CultureInfo.InvariantCulture),
                results.Max(r => r.LostConnections).ToString(CultureInfo.InvariantCulture));
        }

        async Task<RunResult> RunOnceAsync(HashSet<(Guid, Guid)> blockedPairs)
        {
            var run = new MatchmakingRun();
            foreach (var user in users)
            {
                user.StartRun(run);
            }

            var failed = 0;
            var meter = ServerMeter.Start(server);
            var firstCall = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (user, ct) =>
            {
                try
                {
                    await user.JoinQueueAsync(ct);
                }
                catch (Exception ex) when (ex is HubException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // A refusal, or the connection closed under the call (counted in lost connections too).
                    Interlocked.Increment(ref failed);
                }
            });

            // Wait for every Matched, or for progress to stop.
            var lastCount = -1L;
            var idle = Stopwatch.StartNew();
            while (run.MatchedEvents < userCount && idle.Elapsed < settleLimit)
            {
                if (run.MatchedEvents != lastCount)
                {
                    lastCount = run.MatchedEvents;
                    idle.Restart();
                }

                await Task.Delay(20, cancellationToken);
            }

            var (_, cpu) = meter.Stop();
            var seconds = Stopwatch.GetElapsedTime(firstCall, Math.Max(run.LastMatchedAt, firstCall)).TotalSeconds;
            var matched = users.Where(u => u.Matches > 0).ToList();
            var pairs = matched.Select(u => u.RoomId).Distinct().Count();
            var blockedMatched = matched.Count(u => u.Partner is { } partner && blockedPairs.Contains((u.User.Id, partner))) / 2;
            var lost = users.Count(u => u.Lost);
            var result = new RunResult(pairs, seconds, run.Wait.Snapshot(), cpu, users.Count(u => u.Matches == 0 && !u.Lost), users.Count(u => u.Matches > 1), failed, blockedMatched, lost,
                users.FirstOrDefault(u => u.CloseReason is not null)?.CloseReason);

            // Free everyone for the next run: a host leaving a settings room closes it for both.
            await Parallel.ForEachAsync(users.Where(u => !u.Lost), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (user, ct) =>
            {
                try
                {
                    if (user.Matches == 0)
                    {
                        await user.Connection.InvokeAsync("LeaveQueue", ct);
                    }
                    else if (user.IsHost && user.RoomId is { } roomId)
                    {
                        await user.Connection.InvokeAsync("LeaveRoom", roomId, ct);
                    }
                }
                catch (Exception ex) when (ex is HubException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // Gone already (the partner's connection was lost, or this one).
                }
            });
            return result;
        }
    }

    private sealed record RunResult(
        int Pairs, double Seconds, Percentiles Wait, double CpuSeconds, int Unmatched, int Repeated, int Failed, int BlockedMatched, int LostConnections, string? CloseReason)
    {
        public double PairsPerSecond => Pairs / Seconds;

        public double CpuMicrosPerPair => CpuSeconds * 1e6 / Pairs;
    }
}
