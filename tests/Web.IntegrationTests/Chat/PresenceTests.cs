using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.IntegrationTests.Chat;

[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class PresenceTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_user_is_online_while_any_connection_is_open_and_offline_after_the_last_closes()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await ChatTestKit.BefriendAsync(alice, carol);
        await using var carolHub = await _app.ConnectChatAsync(carol);
        var registries = _app.Services.GetServices<IHubConnectionRegistry>().ToList();

        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("offline");
        // A client's start returns once the handshake is answered; the server counts the connection before that.
        var tab1 = await HubClient.OpenAsync(_app, alice, "/hubs/chat");
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("online");
        var tab2 = await HubClient.OpenAsync(_app, alice, "/hubs/game");

        // The first tab closes right after the second's start: once the server has let it go, the second holds.
        await tab1.DisposeAsync();
        await WaitUntilAsync(() => Task.FromResult(registries.Sum(r => r.ConnectionIdsOf(alice.UserId).Count) == 1));
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("online");

        await tab2.DisposeAsync();
        await WaitUntilAsync(async () => await StatusOfAsync(bob, alice.UserId) == "offline");

        // A friend watching saw one online and one offline, never a flicker in between.
        bool AboutAlice(JsonNode e) => e["userId"]!.GetValue<string>() == alice.UserId.ToString();
        (await carolHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("online");
        (await carolHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("offline");
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged", AboutAlice);
    }

    [Test]
    public async Task A_user_with_a_chat_and_a_game_connection_stays_online_until_the_last_closes_and_friends_hear_each_change_once()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await ChatTestKit.BefriendAsync(alice, bob);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        var here = _app.Services.GetRequiredService<ConnectedUsers>();
        bool AboutAlice(JsonNode e) => e["userId"]!.GetValue<string>() == alice.UserId.ToString();

        var game = await HubClient.OpenAsync(_app, alice, "/hubs/game");
        var chat = await HubClient.OpenAsync(_app, alice, ChatTestKit.HubPath);
        (await bobHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("online");

        // Presence is the registries' view: the game hub's registry alone holds her once the chat connection has gone.
        await chat.DisposeAsync();
        var chatRegistry = _app.Services.GetServices<IHubConnectionRegistry>().Single(r => r.Hub == "ChatHub");
        await WaitUntilAsync(() => Task.FromResult(chatRegistry.ConnectionIdsOf(alice.UserId).Count == 0));
        here.Holds(alice.UserId).ShouldBeTrue();
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("online");

        await game.DisposeAsync();
        await WaitUntilAsync(async () => await StatusOfAsync(bob, alice.UserId) == "offline");
        here.Holds(alice.UserId).ShouldBeFalse();
        (await bobHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("offline");
        await bobHub.ShouldReceiveNoneAsync("PresenceChanged", AboutAlice);
    }

    [Test]
    public async Task A_hub_connection_without_a_valid_token_is_refused()
    {
        var forged = new ApiClient(_app.CreateClient(), Guid.NewGuid(), "not-a-token");

        await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(_app, forged, "/hubs/chat"));
    }

    private static async Task<string> StatusOfAsync(ApiClient viewer, Guid userId) =>
        (await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();

    /// <summary>
    /// Closing a connection is noticed by the server a moment later (longer on a loaded 2-core machine);
    /// poll for it rather than guess a delay.
    /// </summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the condition did not become true within 20 s");
    }
}
