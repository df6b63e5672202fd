using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Game;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary><c>/diagnostics/game-loop</c>: absent unless <c>Diagnostics:Enabled</c>; the loop's own tick accounting.</summary>
public sealed class DiagnosticsEndpointTests
{
    private static readonly Dictionary<string, string?> Enabled = new(QuietHeartbeat) { ["Diagnostics:Enabled"] = "true" };

    [Test]
    public async Task Without_diagnostics_enabled_the_endpoints_do_not_exist()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: QuietHeartbeat);
        var client = app.CreateClient();

        (await client.GetAsync("/diagnostics/game-loop")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync("/diagnostics/game-loop/reset", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task With_diagnostics_enabled_ticks_count_up_with_a_playing_room_and_reset_zeroes_them()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: Enabled);
        var client = app.CreateClient();
        await using var alice = await GamePlayer.SignInAsync(app, "alice");
        await using var bob = await GamePlayer.SignInAsync(app, "bob");
        await MatchAndReadyAsync(alice, bob, winningScore: 21);
        await StartPlayAsync(app, alice);

        (await client.PostAsync("/diagnostics/game-loop/reset", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reset = await ReadAsync(client);
        reset["ticks"]!.GetValue<long>().ShouldBe(0);
        reset["droppedTicks"]!.GetValue<long>().ShouldBe(0);

        await AdvanceAsync(app, TimeSpan.FromMilliseconds(500), step: TimeSpan.FromMilliseconds(50));
        await EventuallyAsync(() => ReadAsync(client), s => s["ticks"]!.GetValue<long>() >= 30);

        var after = await ReadAsync(client);
        after["playingRooms"]!.GetValue<int>().ShouldBe(1);
        after["droppedTicks"]!.GetValue<long>().ShouldBe(0);
        var lateness = after["latenessMs"]!;
        foreach (var key in new[] { "p50", "p99", "p999", "max" })
        {
            lateness[key]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0);
        }

        lateness["max"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(lateness["p50"]!.GetValue<double>());

        (await client.PostAsync("/diagnostics/game-loop/reset", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var zeroed = await ReadAsync(client);
        zeroed["ticks"]!.GetValue<long>().ShouldBe(0);
        zeroed["latenessMs"]!["max"]!.GetValue<double>().ShouldBe(0);
        zeroed["playingRooms"]!.GetValue<int>().ShouldBe(1);
    }

    private static async Task<JsonNode> ReadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonNode>("/diagnostics/game-loop"))!;
}
