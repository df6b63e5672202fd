using System.Net;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary><c>GET /api/games/live</c>: the games one may watch, for the client's "Watch" list.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class LiveGamesTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, settings: QuietHeartbeat);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    private static async Task<System.Text.Json.Nodes.JsonArray> LiveAsync(ApiClient viewer) =>
        (await (await viewer.Http.GetAsync("/api/games/live")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

    [Test]
    public async Task A_matched_room_is_listed_until_it_ends_except_to_people_either_player_blocks_or_is_blocked_by()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        var dave = await ApiClient.LoginAsync(_app, "dave");
        var erin = await ApiClient.LoginAsync(_app, "erin");
        (await dave.Http.PutAsync($"/api/users/me/blocks/{alice.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bob.Api.Http.PutAsync($"/api/users/me/blocks/{erin.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var roomId = await alice.JoinQueueAsync();
        (await LiveAsync(carol)).ShouldBeEmpty("a waiting room has nothing to watch");
        (await bob.JoinQueueAsync()).ShouldBe(roomId);
        await alice.NextAsync("Matched");
        (await LiveAsync(carol)).ShouldHaveSingleItem()!["phase"]!.GetValue<string>().ShouldBe("settings");

        await alice.InvokeAsync("UpdateSettings", roomId, new { winningScore = 1 });
        await alice.InvokeAsync("SetReady", roomId, true);
        await bob.InvokeAsync("SetReady", roomId, true);
        await alice.NextAsync("RoomUpdated", InPhase("countdown"));

        var game = (await LiveAsync(carol)).ShouldHaveSingleItem()!;
        game["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        game["phase"]!.GetValue<string>().ShouldBe("countdown");
        game["mode"]!.GetValue<string>().ShouldBe("classic");
        game["players"]!.AsArray().Select(p => p!["displayName"]!.GetValue<string>()).ShouldBe(["alice", "bob"]);
        game["score"]!.AsArray().Select(s => s!.GetValue<int>()).ShouldBe([0, 0]);
        game["spectators"]!.GetValue<int>().ShouldBe(0);
        (await LiveAsync(dave)).ShouldBeEmpty("dave blocks alice");
        (await LiveAsync(erin)).ShouldBeEmpty("bob blocks erin");

        var state = await StartPlayAsync(_app, alice);
        await StepAsideAsync(state, alice, bob);
        var ended = alice.NextAsync("GameEnded");
        await AdvanceAsync(_app, TimeSpan.FromSeconds(10), () => ended.IsCompleted);
        await ended;
        (await LiveAsync(carol)).ShouldBeEmpty("a finished game is not live");
    }
}
