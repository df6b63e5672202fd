using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// A login that ends ends everything it opened: after a logout or a refresh-token reuse its access token
/// is refused at once on REST and on new hub connections, and its open chat and game connections close;
/// every hub connection also closes when its token expires. On each store.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class SessionEndTests(StorageProvider provider)
{
    // The revocation closes connections at once; the deadline only leaves room for a busy test machine.
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(5);

    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task After_logout_the_access_token_is_refused_and_its_chat_and_game_connections_close()
    {
        var login = await SignInAsync("jdoe");
        var otherLogin = await SignInAsync("jdoe");
        await using var chat = await _app.ConnectChatAsync(login.Api);
        await using var game = await ConnectGameAsync(login.Api);
        await using var otherChat = await _app.ConnectChatAsync(otherLogin.Api);

        (await login.Api.Http.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await login.Api.Http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await chat.ClosedWithinAsync(CloseDeadline);
        await game.ClosedWithinAsync(CloseDeadline);
        await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(_app, login.Api, ChatTestKit.HubPath));
        await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(_app, login.Api, "/hubs/game"));

        // The user's other login is untouched.
        (await otherLogin.Api.Http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await otherChat.RoundTripAsync();
        otherChat.Closed.IsCompleted.ShouldBeFalse();
    }

    [Test]
    public async Task A_reused_refresh_token_ends_the_login_its_access_tokens_and_its_connections()
    {
        var login = await SignInAsync("jdoe");
        var rotated = await (await RefreshAsync(login.RefreshToken)).ReadJsonAsync(HttpStatusCode.OK);
        var current = Authorized(rotated["accessToken"]!.GetValue<string>(), login.Api.UserId);
        await using var chat = await _app.ConnectChatAsync(login.Api);
        await using var game = await ConnectGameAsync(current);

        await (await RefreshAsync(login.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");

        await (await login.Api.Http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await current.Http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await chat.ClosedWithinAsync(CloseDeadline);
        await game.ClosedWithinAsync(CloseDeadline);
        await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(_app, current, ChatTestKit.HubPath));
    }

    [Test]
    public async Task A_hub_connection_closes_when_its_access_token_expires()
    {
        // SignalR judges a connection's expiry by the wall clock (checked every second); the app gives it the
        // token's remaining lifetime, so a two-second token closes its connections about two seconds later.
        await using var app = await TranscendenceApp.StartAsync(
            provider, settings: new Dictionary<string, string?> { ["Auth:Jwt:AccessTokenLifetime"] = "00:00:02" });
        var user = await ApiClient.LoginAsync(app, "jdoe");
        await using var chat = await app.ConnectChatAsync(user);
        await using var game = await HubClient.ConnectAsync(app, user, "/hubs/game");

        await chat.ClosedWithinAsync(TimeSpan.FromSeconds(10));
        await game.ClosedWithinAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_connection_with_a_long_lived_token_stays_open()
    {
        var user = await ApiClient.LoginAsync(_app, "jdoe");
        await using var chat = await _app.ConnectChatAsync(user);

        // Two heartbeat scans of SignalR's connection manager.
        await Task.WhenAny(chat.Closed, Task.Delay(TimeSpan.FromSeconds(2.5)));

        chat.Closed.IsCompleted.ShouldBeFalse();
        await chat.RoundTripAsync();
    }

    private async Task<(ApiClient Api, string RefreshToken)> SignInAsync(string login)
    {
        var tokens = await AuthTestHelpers.DevLoginAsync(_app.CreateClient(), login);
        var api = Authorized(tokens["accessToken"]!.GetValue<string>(), Guid.Parse(tokens["user"]!["id"]!.GetValue<string>()));
        return (api, tokens["refreshToken"]!.GetValue<string>());
    }

    private ApiClient Authorized(string accessToken, Guid userId)
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new ApiClient(http, userId, accessToken);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    /// <summary>A game connection whose set-up is done (an answered invocation comes after OnConnectedAsync).</summary>
    private async Task<HubClient> ConnectGameAsync(ApiClient user)
    {
        var hub = await HubClient.ConnectAsync(_app, user, "/hubs/game");
        await hub.RoundTripAsync();
        return hub;
    }
}
