using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>Whole games over real game-hub connections, with their results stored and shown over HTTP.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class GameResultsTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, settings: QuietHeartbeat);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Two_queued_players_play_to_the_end_and_the_result_rating_and_achievements_are_stored()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");

        var ended = await PlayToOneAsync(_app, alice, bob);

        ended["reason"]!.GetValue<string>().ShouldBe("score");
        var score = ended["score"]!.AsArray().Select(s => s!.GetValue<int>()).ToList();
        score.Sum().ShouldBe(1);
        var winnerId = Guid.Parse(ended["winnerId"]!.GetValue<string>());
        winnerId.ShouldBe(score[0] == 1 ? alice.Id : bob.Id);
        var loserId = winnerId == alice.Id ? bob.Id : alice.Id;
        (await bob.NextAsync("GameEnded"))["winnerId"]!.GetValue<string>().ShouldBe(winnerId.ToString());

        var winner = await EventuallyAsync(() => ProfileAsync(alice.Api, winnerId), p => p["stats"]!["wins"]!.GetValue<int>() == 1);
        winner["stats"]!["rating"]!.GetValue<int>().ShouldBe(1016);
        winner["stats"]!["rank"]!.GetValue<int>().ShouldBe(1);
        winner["stats"]!["achievements"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["first_win", "flawless_win"], ignoreOrder: true);
        var loser = await ProfileAsync(alice.Api, loserId);
        loser["stats"]!["losses"]!.GetValue<int>().ShouldBe(1);
        loser["stats"]!["rating"]!.GetValue<int>().ShouldBe(984);
        loser["stats"]!["rank"]!.GetValue<int>().ShouldBe(2);
        loser["stats"]!["achievements"]!.AsArray().ShouldBeEmpty();

        var me = await (await alice.Api.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["stats"]!["wins"]!.GetValue<int>().ShouldBe(winnerId == alice.Id ? 1 : 0);

        var history = (await (await bob.Api.Http.GetAsync($"/api/users/{alice.Id}/matches")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var match = history.ShouldHaveSingleItem()!;
        match["players"]![0]!["id"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        match["players"]![1]!["displayName"]!.GetValue<string>().ShouldBe("bob");
        match["winnerId"]!.GetValue<string>().ShouldBe(winnerId.ToString());
        match["reason"]!.GetValue<string>().ShouldBe("score");
        match["mode"]!.GetValue<string>().ShouldBe("classic");
        match["settings"]!["winningScore"]!.GetValue<int>().ShouldBe(1);

        var board = (await (await bob.Api.Http.GetAsync("/api/leaderboard")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        board.Select(e => e!["user"]!["id"]!.GetValue<string>()).ShouldBe([winnerId.ToString(), loserId.ToString()]);
        board.Select(e => e!["rank"]!.GetValue<int>()).ShouldBe([1, 2]);

        // The tokens response of a later login shows the same record.
        var login = await (await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "alice" })).ReadJsonAsync(HttpStatusCode.OK);
        login["user"]!["stats"]!["wins"]!.GetValue<int>().ShouldBe(winnerId == alice.Id ? 1 : 0);
        login["user"]!["stats"]!["rank"]!.GetValue<int>().ShouldBe(winnerId == alice.Id ? 1 : 2);
    }

    [Test]
    public async Task A_profile_read_the_moment_GameEnded_arrives_shows_the_new_rating_and_the_change_GameEnded_carries()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");

        var ended = await PlayToOneAsync(_app, alice, bob);

        // No polling: GameEnded leaves only once the match is stored.
        var winnerId = Guid.Parse(ended["winnerId"]!.GetValue<string>());
        var loserId = winnerId == alice.Id ? bob.Id : alice.Id;
        var change = ended["ratingChange"]!.AsObject();
        change[winnerId.ToString()]!.GetValue<int>().ShouldBe(16);
        change[loserId.ToString()]!.GetValue<int>().ShouldBe(-16);
        var winner = await ProfileAsync(alice.Api, winnerId);
        winner["stats"]!["wins"]!.GetValue<int>().ShouldBe(1);
        winner["stats"]!["rating"]!.GetValue<int>().ShouldBe(1000 + 16);
        var loser = await ProfileAsync(alice.Api, loserId);
        loser["stats"]!["losses"]!.GetValue<int>().ShouldBe(1);
        loser["stats"]!["rating"]!.GetValue<int>().ShouldBe(1000 - 16);
        (await bob.NextAsync("GameEnded"))["ratingChange"]![winnerId.ToString()]!.GetValue<int>().ShouldBe(16);
    }

    [Test]
    public async Task A_server_shutting_down_during_play_ends_the_game_with_reason_shutdown_and_no_winner()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        var roomId = await MatchAndReadyAsync(alice, bob, winningScore: 5);
        await StartPlayAsync(_app, alice);
        var ended = alice.NextAsync("GameEnded");

        await _app.Services.GetRequiredService<IHost>().StopAsync();

        var game = await ended;
        game["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        game["reason"]!.GetValue<string>().ShouldBe("shutdown");
        game["winnerId"].ShouldBeNull();
        game["ratingChange"]!.AsObject().Count.ShouldBe(0);
    }

    [Test]
    public async Task A_spectator_sees_the_states_and_the_end_cannot_move_a_paddle_and_earns_first_spectated()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");
        await using var carol = await GamePlayer.SignInAsync(_app, "carol");
        var chat = await HubClient.ConnectAsync(_app, carol.Api, "/hubs/chat", "Notice");

        var roomId = await MatchAndReadyAsync(alice, bob);
        await carol.InvokeAsync("Spectate", roomId);
        var state = await StartPlayAsync(_app, alice);

        (await carol.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        (await RefusalOf(() => carol.InvokeAsync("Input", roomId, new { up = true, down = false, seq = 1 }))).ShouldStartWith("game.not_in_room:");

        await StepAsideAsync(state, alice, bob);
        var ended = carol.NextAsync("GameEnded");
        await AdvanceAsync(_app, TimeSpan.FromSeconds(10), () => ended.IsCompleted);
        (await ended)["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());

        (await chat.NextAsync("Notice", n => n["code"]!.GetValue<string>() == "achievement"))["text"]!.GetValue<string>().ShouldContain("first_spectated");
        await chat.DisposeAsync();
    }

    [Test]
    public async Task Match_history_pages_newest_first_and_forfeits_count()
    {
        await using var alice = await GamePlayer.SignInAsync(_app, "alice");
        await using var bob = await GamePlayer.SignInAsync(_app, "bob");

        var rooms = new List<Guid>();
        for (var game = 0; game < 3; game++)
        {
            var roomId = await MatchAndReadyAsync(alice, bob);
            await StartPlayAsync(_app, alice);
            await bob.InvokeAsync("LeaveRoom", roomId);
            var ended = await alice.NextAsync("GameEnded");
            ended["reason"]!.GetValue<string>().ShouldBe("forfeit");
            ended["winnerId"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
            await bob.NextAsync("GameEnded");
            rooms.Add(roomId);
            await AdvanceAsync(_app, TimeSpan.FromSeconds(1));
        }

        await EventuallyAsync(() => ProfileAsync(bob.Api, alice.Id), p => p["stats"]!["wins"]!.GetValue<int>() == 3);
        var first = await PageAsync(bob.Api, $"/api/users/{bob.Id}/matches?limit=2");
        first.ShouldBe([rooms[2], rooms[1]]);
        var second = await PageAsync(bob.Api, $"/api/users/{bob.Id}/matches?limit=2&before={first[^1]}");
        second.ShouldBe([rooms[0]]);
        (await bob.Api.Http.GetAsync($"/api/users/{bob.Id}/matches?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var board = (await (await bob.Api.Http.GetAsync("/api/leaderboard?limit=1")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        board.ShouldHaveSingleItem()!["user"]!["id"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
    }

    private static async Task<JsonNode> ProfileAsync(ApiClient viewer, Guid userId) =>
        await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task<List<Guid>> PageAsync(ApiClient viewer, string url) =>
        [.. (await (await viewer.Http.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK)).AsArray().Select(m => Guid.Parse(m!["id"]!.GetValue<string>()))];
}
