using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>One user holds at most <c>Hubs:MaxConnectionsPerUser</c> connections per hub; the next is refused at connect.</summary>
public sealed class ConnectionLimitTests
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(
        StorageProvider.InMemory, settings: new Dictionary<string, string?> { ["Hubs:MaxConnectionsPerUser"] = "2" });

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_connection_over_the_cap_is_closed_with_a_coded_error_and_leaves_no_presence()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var first = await _app.ConnectChatAsync(jdoe);
        var second = await _app.ConnectChatAsync(jdoe);

        await using var third = await HubClient.ConnectAsync(_app, jdoe, ChatTestKit.HubPath);
        var error = await third.ClosedWithinAsync();

        error.ShouldNotBeNull();
        error.Message.ShouldContain("too_many_connections: ");
        error.Message.ShouldNotContain("HubException", customMessage: "the client reads the code and sentence, not SignalR's wrapping");
        await first.RoundTripAsync();
        await second.RoundTripAsync();

        // The refused connection registered no presence: closing the two admitted ones makes the user offline.
        await first.DisposeAsync();
        await second.DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await StatusAsync(jdoe) != "offline")
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the user still shows online");
            await Task.Delay(20);
        }
    }

    private static async Task<string> StatusAsync(ApiClient user) =>
        (await (await user.Http.GetAsync($"/api/users/{user.UserId}")).ReadJsonAsync(System.Net.HttpStatusCode.OK))["status"]!.GetValue<string>();

    [Test]
    public async Task The_cap_is_per_user_and_per_hub()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        var other = await ApiClient.LoginAsync(_app, "other");
        await using var first = await _app.ConnectChatAsync(jdoe);
        await using var second = await _app.ConnectChatAsync(jdoe);

        await using var game = await HubClient.ConnectAsync(_app, jdoe, "/hubs/game");
        await using var othersChat = await _app.ConnectChatAsync(other);

        await game.RoundTripAsync();
        game.Closed.IsCompleted.ShouldBeFalse();
        othersChat.Closed.IsCompleted.ShouldBeFalse();
    }

    [Test]
    public async Task Closing_a_connection_frees_its_slot()
    {
        var jdoe = await ApiClient.LoginAsync(_app, "jdoe");
        await using var kept = await _app.ConnectChatAsync(jdoe);
        var closed = await _app.ConnectChatAsync(jdoe);

        await closed.DisposeAsync();

        // The server forgets the closed connection just after the client sees it close: try until admitted.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var again = await HubClient.ConnectAsync(_app, jdoe, ChatTestKit.HubPath);
            try
            {
                await again.RoundTripAsync();
                await again.DisposeAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                (await again.ClosedWithinAsync())!.Message.ShouldContain("too_many_connections: ");
                await again.DisposeAsync();
            }
        }
    }
}
