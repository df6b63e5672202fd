using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Game;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>
/// Every hub method is bounded per user and per method (<c>Hubs:RateLimits</c>): a flood is refused with
/// <c>rate_limited</c>, the connection stays usable, <c>Pong</c> is never limited, and one user's flood
/// costs nobody else anything. The limits here refill once an hour, so nothing depends on timing.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class HubRateLimitTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() =>
        _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>(GameTestKit.QuietHeartbeat)
        {
            ["Hubs:RateLimits:Default:TokenLimit"] = "3",
            ["Hubs:RateLimits:Default:TokensPerPeriod"] = "1",
            ["Hubs:RateLimits:Default:ReplenishmentPeriod"] = "01:00:00",
            ["Hubs:RateLimits:Methods:Input:TokenLimit"] = "5",
            ["Hubs:RateLimits:Methods:Input:TokensPerPeriod"] = "1",
            ["Hubs:RateLimits:Methods:Input:ReplenishmentPeriod"] = "01:00:00",
            ["Hubs:RateLimits:Methods:Signal:TokenLimit"] = "2",
            ["Hubs:RateLimits:Methods:Signal:TokensPerPeriod"] = "1",
            ["Hubs:RateLimits:Methods:Signal:ReplenishmentPeriod"] = "01:00:00",
        });

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_flood_of_inputs_is_refused_with_rate_limited_and_the_connection_stays_usable()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        var room = Guid.NewGuid();

        var refusals = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await alice.InvokeAsync("Input", room, new { up = true, down = false, seq = i + 1 });
            }
            catch (HubException refusal)
            {
                refusals.Add(refusal.Message);
            }
        }

        // The first five reach the game (which knows no such room); the other 45 never do.
        refusals.Count.ShouldBe(50);
        refusals.Take(5).ShouldAllBe(message => message.StartsWith("game.not_found: "));
        refusals.Skip(5).ShouldAllBe(message => message.StartsWith("rate_limited: "));
        refusals.Last().ShouldMatch(@"^rate_limited: .* try again in \d+ s$");

        // Still open, and other methods have their own buckets.
        alice.Hub.Connection.State.ShouldBe(HubConnectionState.Connected);
        var roomId = await alice.JoinQueueAsync();
        roomId.ShouldNotBe(Guid.Empty);
        await alice.InvokeAsync("LeaveQueue");
    }

    [Test]
    public async Task Pong_is_never_limited()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");

        for (var seq = 0L; seq < 100; seq++)
        {
            await alice.InvokeAsync("Pong", seq);
        }

        // The default bucket (3) is untouched by all those answers.
        await alice.InvokeAsync("LeaveQueue");
        await alice.InvokeAsync("LeaveQueue");
        await alice.InvokeAsync("LeaveQueue");
        await alice.InvokeAsync("LeaveQueue").ShouldBeRefusedAsync("rate_limited");
    }

    [Test]
    public async Task Limits_are_per_user_and_hold_across_a_users_connections()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await using var aliceTab1 = await _app.ConnectChatAsync(alice);
        await using var aliceTab2 = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);

        // Nobody shares a DM with anybody: each call that passes the limit is refused by the relay.
        await aliceTab1.Connection.InvokeAsync("Signal", bob.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("channel.forbidden");
        await aliceTab2.Connection.InvokeAsync("Signal", bob.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("channel.forbidden");
        var refusal = await aliceTab1.Connection.InvokeAsync("Signal", bob.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("rate_limited");
        refusal.ShouldMatch(@"try again in \d+ s$");
        await aliceTab2.Connection.InvokeAsync("Signal", bob.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("rate_limited");

        // Bob's bucket is his own.
        await bobHub.Connection.InvokeAsync("Signal", alice.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("channel.forbidden");
        await bobHub.Connection.InvokeAsync("Signal", alice.UserId, "offer", new { sdp = "x" }).ShouldBeRefusedAsync("channel.forbidden");
        aliceTab1.Connection.State.ShouldBe(HubConnectionState.Connected);
    }

    [Test]
    public async Task A_refused_method_works_again_once_its_bucket_has_refilled()
    {
        await using var app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Hubs:RateLimits:Methods:Signal:TokenLimit"] = "1",
            ["Hubs:RateLimits:Methods:Signal:TokensPerPeriod"] = "1",
            ["Hubs:RateLimits:Methods:Signal:ReplenishmentPeriod"] = "00:00:00.5",
        });
        var alice = await ApiClient.LoginAsync(app, "alice");
        var bob = await ApiClient.LoginAsync(app, "bob");
        await using var hub = await app.ConnectChatAsync(alice);
        Task Signal() => hub.Connection.InvokeAsync("Signal", bob.UserId, "offer", new { sdp = "x" });

        await Signal().ShouldBeRefusedAsync("channel.forbidden");
        (await Signal().ShouldBeRefusedAsync("rate_limited")).ShouldEndWith("try again in 1 s");

        // The limiter refills on the real clock: ask again until the call reaches the relay (or give up).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var refusal = (await Should.ThrowAsync<HubException>(Signal)).Message;
        while (refusal.StartsWith("rate_limited: ") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            refusal = (await Should.ThrowAsync<HubException>(Signal)).Message;
        }

        refusal.ShouldStartWith("channel.forbidden: ");
    }

    [Test]
    public async Task A_limit_for_a_method_no_hub_has_stops_the_app_at_start()
    {
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var misconfigured = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: new Dictionary<string, string?>
            {
                ["Hubs:RateLimits:Methods:Imput:TokenLimit"] = "5",
                ["Hubs:RateLimits:Methods:Imput:TokensPerPeriod"] = "5",
            });
        });

        failure.ToString().ShouldContain("Hubs:RateLimits:Methods:Imput names no hub method");
    }
}
