using System.Net;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Game;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Blocks;

/// <summary>
/// A block holds at every door: no talk in a direct channel opened before it, no live status for the one
/// blocked (profile, search, friends' events), no watching a game of someone on the other side of it.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class BlockingEverywhereTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, settings: GameTestKit.QuietHeartbeat);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Nobody_posts_into_an_existing_direct_channel_across_a_block_and_nothing_surfaces_after_the_unblock()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var dm = await alice.OpenDirectAsync(bob);
        await using var aliceHub = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await aliceHub.SendAsync(dm, "hi bob");

        await alice.BlockAsync(bob);
        await bobHub.SendAsync(dm, "why did you block me?").ShouldBeRefusedAsync("user.blocked");
        await aliceHub.SendAsync(dm, "go away").ShouldBeRefusedAsync("user.blocked");

        (await alice.Http.DeleteAsync($"/api/users/me/blocks/{bob.UserId}")).IsSuccessStatusCode.ShouldBeTrue();
        (await alice.HistoryAsync(dm)).Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["hi bob"]);
        (await bob.HistoryAsync(dm)).Count.ShouldBe(1);

        // After the unblock, talk resumes.
        await bobHub.SendAsync(dm, "friends again?");
        (await aliceHub.NextAsync("MessageReceived", ChatTestKit.WithText("friends again?"))).ShouldNotBeNull();
    }

    [Test]
    public async Task Someone_you_block_sees_you_offline_everywhere_and_hears_nothing_of_your_presence()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await ChatTestKit.BefriendAsync(alice, bob);
        await ChatTestKit.BefriendAsync(alice, carol);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await using var carolHub = await _app.ConnectChatAsync(carol);

        await alice.BlockAsync(bob);
        await using var aliceHub = await _app.ConnectChatAsync(alice);

        // Carol, a friend, hears Alice come online; Bob does not.
        (await carolHub.NextAsync("PresenceChanged", e => e["userId"]!.GetValue<string>() == alice.UserId.ToString()))["status"]!
            .GetValue<string>().ShouldBe("online");
        await bobHub.ShouldReceiveNoneAsync("PresenceChanged");

        (await StatusOfAsync(carol, alice.UserId)).ShouldBe("online");
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("offline");
        (await SearchedStatusAsync(carol, "alice", alice.UserId)).ShouldBe("online");
        (await SearchedStatusAsync(bob, "alice", alice.UserId)).ShouldBe("offline");
        var bobsFriends = await (await bob.Http.GetAsync("/api/users/me/friends")).ReadJsonAsync(HttpStatusCode.OK);
        bobsFriends["friends"]!.AsArray().ShouldBeEmpty();

        // Bob, who blocks nobody, still shows to Alice as he is.
        (await StatusOfAsync(alice, bob.UserId)).ShouldBe("online");

        (await alice.Http.DeleteAsync($"/api/users/me/blocks/{bob.UserId}")).IsSuccessStatusCode.ShouldBeTrue();
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("online");
    }

    [Test]
    public async Task Nobody_watches_a_game_across_a_block_with_either_player_whichever_way_it_goes()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await using var carol = await GamePlayer.SignInAsync(_app, "carol");
        await using var dave = await GamePlayer.SignInAsync(_app, "dave");
        var room = await GameTestKit.MatchAndReadyAsync(alice, bob);

        // Alice blocks Carol after sitting down: the block still counts.
        await alice.Api.BlockAsync(carol.Api);
        await carol.InvokeAsync("Spectate", room).ShouldBeRefusedAsync("game.blocked");

        (await alice.Api.Http.DeleteAsync($"/api/users/me/blocks/{carol.Id}")).IsSuccessStatusCode.ShouldBeTrue();
        await carol.Api.BlockAsync(bob.Api);
        await carol.InvokeAsync("Spectate", room).ShouldBeRefusedAsync("game.blocked");

        // Dave, on nobody's block list, watches; he is the only spectator.
        await dave.InvokeAsync("Spectate", room);
        (await alice.NextAsync("RoomUpdated", e => e["spectators"]!.GetValue<int>() > 0))["spectators"]!.GetValue<int>().ShouldBe(1);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_block_made_after_a_room_opened_keeps_the_two_apart_at_accept_and_in_the_queue(bool hostBlocks)
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var invitation = await alice.InviteAsync(bob);

        await (hostBlocks ? alice.Api.BlockAsync(bob.Api) : bob.Api.BlockAsync(alice.Api));

        await bob.InvokeAsync("AcceptInvite", invitation).ShouldBeRefusedAsync("game.blocked");
        await alice.InvokeAsync("CancelInvite", invitation);
        var aliceRoom = await alice.JoinQueueAsync();
        (await bob.JoinQueueAsync()).ShouldNotBe(aliceRoom);
        await bob.Hub.ShouldReceiveNoneAsync("Matched");
    }

    private static async Task<string> StatusOfAsync(ApiClient viewer, Guid userId) =>
        (await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();

    private static async Task<string> SearchedStatusAsync(ApiClient viewer, string search, Guid userId)
    {
        var found = (await (await viewer.Http.GetAsync($"/api/users?search={search}")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        return found.Single(u => u!["id"]!.GetValue<string>() == userId.ToString())!["status"]!.GetValue<string>();
    }
}
