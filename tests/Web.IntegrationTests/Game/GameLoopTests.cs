using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>The shared 60 Hz loop on the app's clock: no drift, late ticks run (within a bound), nothing skipped.</summary>
public sealed class GameLoopTests
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: QuietHeartbeat);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Tick_n_is_due_at_start_plus_n_sixtieths_however_the_clock_moves()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await MatchAndReadyAsync(alice, bob, winningScore: 21);
        (await StartPlayAsync(_app, alice))["tick"]!.GetValue<long>().ShouldBe(1);

        foreach (var ms in new[] { 100, 250, 33, 17, 300, 200, 100 })
        {
            _app.Clock.Advance(TimeSpan.FromMilliseconds(ms));
            await Task.Delay(5);
        }

        await alice.NextAsync("State", s => s["tick"]!.GetValue<long>() == 61);
        await alice.Hub.ShouldReceiveNoneAsync("State", s => s["tick"]!.GetValue<long>() > 61);
    }

    [Test]
    public async Task A_late_wake_runs_every_missed_tick_in_order()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await StartPlayAsync(_app, alice);

        _app.Clock.Advance(TimeSpan.FromSeconds(1));

        var ticks = new List<long>();
        while (ticks.Count < 60)
        {
            ticks.Add((await alice.NextAsync("State"))["tick"]!.GetValue<long>());
        }

        ticks.ShouldBe(Enumerable.Range(2, 60).Select(t => (long)t));
    }

    [Test]
    public async Task A_stall_longer_than_the_catch_up_bound_skips_ahead_instead_of_replaying_it()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await StartPlayAsync(_app, alice);

        _app.Clock.Advance(TimeSpan.FromSeconds(5));

        // 300 ticks were due; the last 120 ran.
        await alice.NextAsync("State", s => s["tick"]!.GetValue<long>() == 121);
        await alice.Hub.ShouldReceiveNoneAsync("State", s => s["tick"]!.GetValue<long>() > 121);
    }

    [Test]
    public async Task With_whole_millisecond_timers_every_tick_still_runs_within_a_millisecond_of_its_due_time()
    {
        // The real clock's timers truncate to whole milliseconds: a 1/60 s periodic timer fires every 16 ms,
        // which ran tick n up to 16 ms late (a sawtooth) and skipped a wake every 25.
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory,
            settings: new Dictionary<string, string?>(QuietHeartbeat) { ["Telemetry:Prometheus:Enabled"] = "true" },
            millisecondTimers: true);
        var client = app.CreateClient();

        // One millisecond at a time, letting the loop run what is due before the clock moves on (a loop that
        // has not run a due tick within 2 s will not: stop there, and the count below tells).
        for (var ms = 1; ms <= 250; ms++)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var due = ms * 60 / 1000;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await TicksAsync(client) < due && waited.Elapsed < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(2);
            }

            if (await TicksAsync(client) < due)
            {
                break;
            }
        }

        var loop = await PrometheusScrape.ReadAsync(client);
        loop.Sum("transcendence_game_ticks_total").ShouldBe(15, loop.Text);
        loop.Sum("transcendence_game_tick_lateness_milliseconds_bucket", "le=\"1\"").ShouldBe(15, loop.Text);
    }

    [Test]
    public async Task A_connection_silent_through_a_heartbeat_is_closed_by_the_server()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory, settings: new Dictionary<string, string?> { ["Game:HeartbeatInterval"] = "00:00:03" });
        await using var alice = await GamePlayer.SignInAsync(app, "alice");
        alice.AnswersPings = false;

        app.Clock.Advance(TimeSpan.FromSeconds(3));
        await alice.NextAsync("Ping");
        app.Clock.Advance(TimeSpan.FromSeconds(3));

        for (var attempt = 0; attempt < 400 && alice.Hub.Connection.State != HubConnectionState.Disconnected; attempt++)
        {
            await Task.Delay(50);
        }

        alice.Hub.Connection.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Test]
    public async Task The_loop_keeps_its_schedule_while_hub_calls_flood_in()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory,
            settings: new Dictionary<string, string?>(QuietHeartbeat)
            {
                ["Game:InboxBudget"] = "4",
                ["Hubs:RateLimits:Methods:Input:Unlimited"] = "true",
            });
        await using var alice = await GamePlayer.SignInAsync(app, "alice");
        await using var bob = await GamePlayer.SignInAsync(app, "bob");
        var roomId = await MatchAndReadyAsync(alice, bob, winningScore: 21);
        var tick = (await StartPlayAsync(app, alice))["tick"]!.GetValue<long>();

        // Bob floods the server from four more tabs, thousands of inputs each, none waiting for an answer.
        var tabs = new List<HubClient>();
        for (var tab = 0; tab < 4; tab++)
        {
            tabs.Add(await bob.ConnectAsync(app));
        }

        const int perTab = 2_000;
        var flood = tabs.SelectMany((hub, tab) => Enumerable.Range(1, perTab).Select(i =>
            hub.Connection.SendAsync("Input", roomId, new { up = i % 2 == 0, down = i % 2 == 1, seq = (tab * perTab) + i }))).ToList();

        // Meanwhile the clock moves one tick at a time (it moved 100 ms at a time so far: it stands on a tick's due
        // time; timers count whole milliseconds), and every tick delivers its State, in order, none skipped or twice.
        var origin = app.Clock.GetUtcNow();
        for (var step = 1; step <= 60; step++)
        {
            app.Clock.Advance(origin + TimeSpan.FromMilliseconds(Math.Ceiling(step * 1000.0 / 60)) - app.Clock.GetUtcNow());
            (await alice.NextAsync("State"))["tick"]!.GetValue<long>().ShouldBe(tick + step);
        }

        await Task.WhenAll(flood);
        foreach (var hub in tabs)
        {
            // An answered call after the flood: each tab's inputs were all handled, and the tab is still open.
            await hub.Connection.InvokeAsync("Input", roomId, new { up = false, down = false, seq = 0 });
            await hub.DisposeAsync();
        }
    }

    private static async Task<long> TicksAsync(HttpClient client) =>
        (long)(await PrometheusScrape.ReadAsync(client)).Sum("transcendence_game_ticks_total");
}
