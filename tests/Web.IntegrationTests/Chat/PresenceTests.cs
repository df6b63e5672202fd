using System.Net;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

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

        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("offline");
        var tab1 = await HubClient.ConnectAsync(_app, alice, "/hubs/chat");
        var tab2 = await HubClient.ConnectAsync(_app, alice, "/hubs/chat");
        // SignalR completes the client's handshake before the hub's OnConnectedAsync has run: poll.
        await WaitUntilAsync(async () => await StatusOfAsync(bob, alice.UserId) == "online");

        await tab1.DisposeAsync();
        (await StatusOfAsync(bob, alice.UserId)).ShouldBe("online");

        await tab2.DisposeAsync();
        await WaitUntilAsync(async () => await StatusOfAsync(bob, alice.UserId) == "offline");
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
