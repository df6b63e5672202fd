using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>Players who go silent or whose connection closes, by phase; reconnection within the grace period.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ConnectionLossTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;
    private long _beats;

    [SetUp]
    public async Task StartApp()
    {
        // A one-second heartbeat, so that a silent player is lost (two beats) well within the 3 s countdown.
        _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Game:HeartbeatInterval"] = "00:00:01",
            ["Game:ReconnectGrace"] = "00:00:10",
        });
        _beats = 0;
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_silent_player_in_the_queue_is_taken_out_of_it()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        alice.AnswersPings = false;
        var roomId = await alice.JoinQueueAsync();

        await BeatAsync(bob);
        await BeatAsync(bob);

        (await bob.JoinQueueAsync()).ShouldNotBe(roomId);
        await alice.Hub.ShouldReceiveNoneAsync("Matched");
    }

    [Test]
    public async Task A_silent_player_in_the_settings_room_closes_it_and_the_other_hears_why()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var roomId = await alice.JoinQueueAsync();
        await bob.JoinQueueAsync();
        alice.AnswersPings = false;

        await BeatAsync(bob);
        await BeatAsync(bob);

        var left = await bob.NextAsync("PlayerLeft");
        left["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        left["userId"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        left["reason"]!.GetValue<string>().ShouldBe("disconnected");
        await bob.NextAsync("RoomUpdated", InPhase("closed"));
        (await bob.JoinQueueAsync()).ShouldNotBe(roomId);
    }

    [Test]
    public async Task A_silent_player_in_the_countdown_closes_the_room()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var roomId = await MatchAndReadyAsync(alice, bob);
        alice.AnswersPings = false;

        await BeatAsync(bob);
        await BeatAsync(bob);

        (await bob.NextAsync("PlayerLeft"))["reason"]!.GetValue<string>().ShouldBe("disconnected");
        await BeatAsync(bob);
        await bob.Hub.ShouldReceiveNoneAsync("RoomUpdated", InPhase("playing"));
        (await RefusalOf(() => bob.InvokeAsync("SetReady", roomId, true))).ShouldStartWith("game.not_found:");
    }

    [Test]
    public async Task A_silent_player_while_playing_pauses_the_game_and_loses_it_after_the_grace_period()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        // Far from any score: only the lost connection can end this game.
        var roomId = await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await bob.NextAsync("RoomUpdated", InPhase("playing"));
        alice.AnswersPings = false;

        await BeatAsync(bob);
        await BeatAsync(bob);

        var left = await bob.NextAsync("PlayerLeft");
        left["userId"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        left["reason"]!.GetValue<string>().ShouldBe("disconnected");
        (await bob.NextAsync("RoomUpdated", u => u["paused"]!.GetValue<bool>()))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());

        var ended = bob.NextAsync("GameEnded");
        for (var second = 0; second < 11 && !ended.IsCompleted; second++)
        {
            await BeatAsync(bob);
        }

        var result = await ended;
        result["winnerId"]!.GetValue<string>().ShouldBe(bob.Id.ToString());
        result["reason"]!.GetValue<string>().ShouldBe("disconnected");
    }

    [Test]
    public async Task A_closed_connection_while_playing_pauses_and_a_new_one_within_grace_resumes_the_same_game()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        // Far from any score: only the lost connection can end this game.
        var roomId = await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await bob.NextAsync("RoomUpdated", InPhase("playing"));

        await alice.Hub.DisposeAsync();
        (await bob.NextAsync("PlayerLeft"))["reason"]!.GetValue<string>().ShouldBe("disconnected");
        await bob.NextAsync("RoomUpdated", u => u["paused"]!.GetValue<bool>());
        await BeatAsync(bob);
        await BeatAsync(bob);

        var back = await alice.ConnectAsync(_app);
        var resumed = await back.NextAsync("RoomUpdated");
        resumed["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        resumed["phase"]!.GetValue<string>().ShouldBe("playing");
        resumed["paused"]!.GetValue<bool>().ShouldBeFalse();
        await bob.NextAsync("RoomUpdated", u => !u["paused"]!.GetValue<bool>());

        await BeatAsync(bob);
        (await back.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        await back.Connection.InvokeAsync("Input", roomId, new { up = true, down = false, seq = 1 });
        await bob.Hub.ShouldReceiveNoneAsync("GameEnded");
        await back.DisposeAsync();
    }

    [Test]
    public async Task A_closed_connection_not_back_within_grace_loses_the_game_and_the_result_is_stored()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await bob.NextAsync("RoomUpdated", InPhase("playing"));

        await alice.Hub.DisposeAsync();
        await bob.NextAsync("PlayerLeft");
        var ended = bob.NextAsync("GameEnded");
        for (var second = 0; second < 11 && !ended.IsCompleted; second++)
        {
            await BeatAsync(bob);
        }

        var result = await ended;
        result["winnerId"]!.GetValue<string>().ShouldBe(bob.Id.ToString());
        result["reason"]!.GetValue<string>().ShouldBe("disconnected");
        var history = await EventuallyAsync(
            async () => await (await bob.Api.Http.GetAsync($"/api/users/{alice.Id}/matches")).ReadJsonAsync(HttpStatusCode.OK),
            page => page.AsArray().Count == 1);
        history[0]!["reason"]!.GetValue<string>().ShouldBe("disconnected");
    }

    [Test]
    public async Task Only_the_last_game_connection_closing_counts_as_the_player_lost()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var secondTab = await alice.ConnectAsync(_app);
        await MatchAndReadyAsync(alice, bob);

        await secondTab.DisposeAsync();

        await bob.Hub.ShouldReceiveNoneAsync("PlayerLeft");
    }

    [Test]
    public async Task A_player_is_in_game_while_playing_and_friends_hear_it()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        (await carol.Http.PutAsync($"/api/users/me/friends/{alice.Id}", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await alice.Api.Http.PutAsync($"/api/users/me/friends/{carol.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
        var carolChat = await HubClient.ConnectAsync(_app, carol, "/hubs/chat", "PresenceChanged");
        (await StatusOfAsync(carol, alice.Id)).ShouldBe("online");

        var roomId = await MatchAndReadyAsync(alice, bob);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);
        await BeatAsync(alice, bob);

        (await carolChat.NextAsync("PresenceChanged", p => p["status"]!.GetValue<string>() == "in-game"))["userId"]!
            .GetValue<string>().ShouldBe(alice.Id.ToString());
        (await StatusOfAsync(carol, alice.Id)).ShouldBe("in-game");

        await bob.InvokeAsync("LeaveRoom", roomId);
        (await carolChat.NextAsync("PresenceChanged", p => p["status"]!.GetValue<string>() == "online"))["userId"]!
            .GetValue<string>().ShouldBe(alice.Id.ToString());
        await carolChat.DisposeAsync();
    }

    /// <summary>
    /// One heartbeat: the clock moves a second, and each answering player proves their answer to this
    /// beat's ping has been taken (an awaited invocation is handled after everything sent before it).
    /// Nothing else needs waiting for: a beat applies the losses it finds before it sends its pings.
    /// </summary>
    private async Task BeatAsync(params GamePlayer[] answering)
    {
        var seq = ++_beats;
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var player in answering)
        {
            await player.NextAsync("Ping", p => p["seq"]!.GetValue<long>() == seq);
            await player.Hub.Connection.InvokeAsync("Pong", seq);
        }
    }

    private static async Task<string> StatusOfAsync(ApiClient viewer, Guid userId) =>
        (await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();
}
