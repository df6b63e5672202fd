using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>The queue, invitations and the settings room, over real game-hub connections.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class MatchmakingTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, settings: QuietHeartbeat);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Two_players_of_a_mode_are_matched_with_the_host_on_the_left()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");

        var roomId = await alice.JoinQueueAsync("speed");
        (await alice.NextAsync("RoomUpdated"))["phase"]!.GetValue<string>().ShouldBe("waiting");
        (await bob.JoinQueueAsync("speed")).ShouldBe(roomId);

        foreach (var player in new[] { alice, bob })
        {
            var matched = await player.NextAsync("Matched");
            matched["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
            matched["mode"]!.GetValue<string>().ShouldBe("speed");
            matched["players"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe([alice.Id.ToString(), bob.Id.ToString()]);
            var updated = await player.NextAsync("RoomUpdated", InPhase("settings"));
            updated["settings"]!["winningScore"]!.GetValue<int>().ShouldBe(5);
            updated["ready"]!.AsArray().Select(r => r!.GetValue<bool>()).ShouldBe([false, false]);
        }
    }

    [Test]
    public async Task Modes_are_kept_apart_and_the_oldest_waiting_room_fills_first()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await using var carol = await GamePlayer.SignInAsync(_app, "carol");

        var classic = await alice.JoinQueueAsync("classic");
        var speed = await bob.JoinQueueAsync("speed");
        speed.ShouldNotBe(classic);
        (await carol.JoinQueueAsync("speed")).ShouldBe(speed);
        await alice.Hub.ShouldReceiveNoneAsync("Matched");
    }

    [Test]
    public async Task Users_who_block_each_other_are_never_matched_either_way()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await using var carol = await GamePlayer.SignInAsync(_app, "carol");
        (await alice.Api.Http.PutAsync($"/api/users/me/blocks/{bob.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var aliceRoom = await alice.JoinQueueAsync();
        var bobRoom = await bob.JoinQueueAsync();
        bobRoom.ShouldNotBe(aliceRoom);
        (await carol.JoinQueueAsync()).ShouldBe(aliceRoom);
        await bob.Hub.ShouldReceiveNoneAsync("Matched");
    }

    [Test]
    public async Task A_waiting_room_times_out_after_the_queue_timeout()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        var roomId = await alice.JoinQueueAsync();

        await AdvanceAsync(_app, TimeSpan.FromSeconds(59), step: TimeSpan.FromSeconds(1));
        await alice.Hub.ShouldReceiveNoneAsync("QueueTimedOut");
        await AdvanceAsync(_app, TimeSpan.FromSeconds(2), step: TimeSpan.FromSeconds(1));

        (await alice.NextAsync("QueueTimedOut"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        (await alice.JoinQueueAsync()).ShouldNotBe(roomId);
    }

    [Test]
    public async Task Leaving_the_queue_frees_the_player_and_the_room()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var roomId = await alice.JoinQueueAsync();

        await alice.InvokeAsync("LeaveQueue");

        (await bob.JoinQueueAsync()).ShouldNotBe(roomId);
        (await alice.JoinQueueAsync()).ShouldNotBe(roomId);
        await alice.NextAsync("Matched");
    }

    [Test]
    public async Task A_player_is_in_one_room_at_a_time_from_any_tab()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var otherTab = await alice.ConnectAsync(_app);
        await alice.JoinQueueAsync();

        (await RefusalOf(() => otherTab.Connection.InvokeAsync<JsonElement>("JoinQueue", "speed"))).ShouldStartWith("game.busy:");
        (await RefusalOf(() => otherTab.Connection.InvokeAsync<JsonElement>("Invite", bob.Id, "classic"))).ShouldStartWith("game.busy:");
        await otherTab.DisposeAsync();
    }

    [Test]
    public async Task An_accepted_invitation_matches_the_two_and_the_invitee_hears_of_it_on_both_hubs()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var bobChat = await HubClient.ConnectAsync(_app, bob.Api, "/hubs/chat", "Notice");

        var roomId = await alice.InviteAsync(bob, "speed");

        var invited = await bob.NextAsync("Invited");
        invited["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        invited["from"]!["id"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        invited["mode"]!.GetValue<string>().ShouldBe("speed");
        var notice = await bobChat.NextAsync("Notice");
        notice["code"]!.GetValue<string>().ShouldBe("game_invite");
        notice["actorId"]!.GetValue<string>().ShouldBe(alice.Id.ToString());

        await bob.InvokeAsync("AcceptInvite", roomId);
        (await alice.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        await bob.NextAsync("Matched");
        await bobChat.DisposeAsync();
    }

    [Test]
    public async Task A_declined_invitation_tells_the_host_and_a_canceled_one_tells_the_invitee()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");

        var declined = await alice.InviteAsync(bob);
        await bob.InvokeAsync("DeclineInvite", declined);
        (await alice.NextAsync("InviteDeclined"))["roomId"]!.GetValue<string>().ShouldBe(declined.ToString());

        var canceled = await alice.InviteAsync(bob);
        await alice.InvokeAsync("CancelInvite", canceled);
        (await bob.NextAsync("InviteCanceled"))["roomId"]!.GetValue<string>().ShouldBe(canceled.ToString());
        (await RefusalOf(() => bob.InvokeAsync("AcceptInvite", canceled))).ShouldStartWith("game.not_found:");
    }

    [Test]
    public async Task Nobody_invites_across_a_block_and_only_the_invitee_accepts()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await using var carol = await GamePlayer.SignInAsync(_app, "carol");
        (await bob.Api.Http.PutAsync($"/api/users/me/blocks/{carol.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await RefusalOf(() => carol.InviteAsync(bob))).ShouldStartWith("game.blocked:");
        var roomId = await alice.InviteAsync(bob);
        (await RefusalOf(() => carol.InvokeAsync("AcceptInvite", roomId))).ShouldStartWith("game.not_invited:");
    }

    [Test]
    public async Task Only_the_host_changes_settings_any_subset_within_bounds()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var roomId = await alice.JoinQueueAsync();
        await bob.JoinQueueAsync();
        await bob.NextAsync("RoomUpdated", InPhase("settings"));

        await alice.InvokeAsync("UpdateSettings", roomId, new { ballSpeed = 1.5 });
        var updated = await bob.NextAsync("RoomUpdated", u => u["settings"]!["ballSpeed"]!.GetValue<double>() == 1.5);
        updated["settings"]!["winningScore"]!.GetValue<int>().ShouldBe(5);
        updated["settings"]!["paddleSize"]!.GetValue<int>().ShouldBe(80);

        (await RefusalOf(() => alice.InvokeAsync("UpdateSettings", roomId, new { winningScore = 22 }))).ShouldStartWith("validation:");
        (await RefusalOf(() => alice.InvokeAsync("UpdateSettings", roomId, new { paddleSize = 10 }))).ShouldStartWith("validation:");
        (await RefusalOf(() => bob.InvokeAsync("UpdateSettings", roomId, new { winningScore = 3 }))).ShouldStartWith("game.not_host:");
    }

    [Test]
    public async Task The_two_players_of_a_room_may_signal_each_other_on_the_chat_hub()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var aliceChat = await HubClient.ConnectAsync(_app, alice.Api, "/hubs/chat");
        var bobChat = await HubClient.ConnectAsync(_app, bob.Api, "/hubs/chat", "Signal");
        var payload = JsonDocument.Parse("""{"sdp":"v=0"}""").RootElement;

        (await RefusalOf(() => aliceChat.Connection.InvokeAsync("Signal", bob.Id, "offer", payload))).ShouldStartWith("channel.forbidden:");

        await alice.JoinQueueAsync();
        await bob.JoinQueueAsync();
        await aliceChat.Connection.InvokeAsync("Signal", bob.Id, "offer", payload);

        var signal = await bobChat.NextAsync("Signal");
        signal["fromUserId"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        signal["kind"]!.GetValue<string>().ShouldBe("offer");
        await aliceChat.DisposeAsync();
        await bobChat.DisposeAsync();
    }
}
