using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Infrastructure;
using Transcendence.Web.Hubs;
using Transcendence.Web.IntegrationTests.Infrastructure;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>
/// Presence derived from the hubs' connection registries: the app's own two registries, driven the way the
/// hubs' connection middleware drives them, decide a user's first arrival on the instance and their last
/// departure once across both hubs.
/// </summary>
public sealed class ConnectedUsersTests
{
    private TranscendenceApp _app = null!;
    private IHubConnectionRegistry _chat = null!;
    private IHubConnectionRegistry _game = null!;
    private ConnectedUsers _here = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);
        _chat = (IHubConnectionRegistry)_app.Services.GetRequiredService<HubLifetimeManager<ChatHub>>();
        _game = (IHubConnectionRegistry)_app.Services.GetRequiredService<HubLifetimeManager<GameHub>>();
        _here = _app.Services.GetRequiredService<ConnectedUsers>();
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_users_first_arrival_and_last_departure_are_each_decided_once_across_both_hubs()
    {
        var user = Guid.NewGuid();

        _chat.Arrive("chat-1", Signed(user)).ShouldBeTrue("the first connection on the instance brings the user here");
        _game.Arrive("game-1", Signed(user)).ShouldBeFalse();
        _chat.Arrive("chat-2", Signed(user)).ShouldBeFalse();
        _here.Holds(user).ShouldBeTrue();
        _chat.ConnectionIdsOf(user).ShouldBe(["chat-1", "chat-2"], ignoreOrder: true);

        // Before its handshake a connection is held but sent nothing: SignalR has not handed it over yet.
        await ((HubLifetimeManager<ChatHub>)_chat).SendUserAsync(user.ToString(), "Notice", [new { code = "early" }]);

        _chat.Leave("chat-1").ShouldBeFalse();
        _game.Leave("game-1").ShouldBeFalse("the chat hub still holds a connection of the user");
        _here.Holds(user).ShouldBeTrue();
        _chat.Leave("chat-2").ShouldBeTrue("the last connection on the instance takes the user away");
        _here.Holds(user).ShouldBeFalse();
        _chat.Leave("chat-2").ShouldBeFalse("a connection leaves once");
    }

    [Test]
    public void A_connection_without_a_signed_in_user_counts_for_nobody()
    {
        _chat.Arrive("anonymous", user: null).ShouldBeFalse();
        _chat.Leave("anonymous").ShouldBeFalse();
    }

    [Test]
    public async Task Arrivals_and_departures_racing_on_the_two_hubs_bring_the_user_here_once_and_away_once()
    {
        var user = Guid.NewGuid();
        for (var round = 0; round < 5000; round++)
        {
            using var start = new Barrier(2);
            var chat = Task.Run(() => Race(start, () => _chat.Arrive($"chat-{round}", Signed(user))));
            var game = Task.Run(() => Race(start, () => _game.Arrive($"game-{round}", Signed(user))));
            (await Task.WhenAll(chat, game)).Count(first => first).ShouldBe(1, $"round {round}: arrivals");

            chat = Task.Run(() => Race(start, () => _chat.Leave($"chat-{round}")));
            game = Task.Run(() => Race(start, () => _game.Leave($"game-{round}")));
            (await Task.WhenAll(chat, game)).Count(last => last).ShouldBe(1, $"round {round}: departures");
            _here.Holds(user).ShouldBeFalse();
        }
    }

    private static bool Race(Barrier start, Func<bool> step)
    {
        start.SignalAndWait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the other side of the race did not start");
        return step();
    }

    private static ClaimsPrincipal Signed(Guid userId) =>
        new(new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()), new Claim(JwtRegisteredClaimNames.Sid, Guid.NewGuid().ToString())], "test"));
}
