using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>The hub's registry finds a user's connections by user: every one of them hears what is sent to the user.</summary>
public sealed class HubConnectionRegistryTests
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task An_event_for_a_user_reaches_each_of_their_connections_and_nobody_else()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await using var bobTab1 = await _app.ConnectChatAsync(bob);
        await using var bobTab2 = await _app.ConnectChatAsync(bob);
        await using var carolTab = await _app.ConnectChatAsync(carol);

        (await alice.Http.PutAsync($"/api/users/me/friends/{bob.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();

        foreach (var tab in new[] { bobTab1, bobTab2 })
        {
            (await tab.NextAsync("Notice", ChatTestKit.WithCode("friend_request")))["actorId"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
        }

        await carolTab.ShouldReceiveNoneAsync("Notice");
    }
}
