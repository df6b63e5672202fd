using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>
/// A signed-in user with a game-hub connection that records every game event and, unless told otherwise,
/// answers every <c>Ping</c> the way a live client does.
/// </summary>
internal sealed class GamePlayer : IAsyncDisposable
{
    public static readonly string[] Events =
    [
        "Matched", "RoomUpdated", "QueueTimedOut", "Invited", "InviteDeclined", "InviteCanceled",
        "State", "Scored", "PlayerLeft", "GameEnded", "Ping",
    ];

    private GamePlayer(ApiClient api, HubClient hub)
    {
        Api = api;
        Hub = hub;
    }

    public ApiClient Api { get; }

    public HubClient Hub { get; private set; }

    public Guid Id => Api.UserId;

    /// <summary>Whether this client answers pings (a frozen tab does not).</summary>
    public bool AnswersPings { get; set; } = true;

    public static async Task<GamePlayer> SignInAsync(TranscendenceApp app, string login)
    {
        var api = await ApiClient.LoginAsync(app, login);
        var player = new GamePlayer(api, null!);
        player.Hub = await player.ConnectAsync(app);
        return player;
    }

    /// <summary>
    /// <paramref name="api"/>'s user with a game connection to a real server (an app process of a
    /// scale-out cluster, which need not be the one <paramref name="api"/> signed in on).
    /// </summary>
    public static async Task<GamePlayer> ConnectAsync(ApiClient api, Uri server)
    {
        var player = new GamePlayer(api, null!);
        player.Hub = await player.ConnectAsync(server);
        return player;
    }

    /// <summary>A new game connection for the same user (another tab, or coming back after a drop).</summary>
    public async Task<HubClient> ConnectAsync(TranscendenceApp app) => await ListenAsync(await HubClient.OpenAsync(app, Api, "/hubs/game", Events));

    /// <summary>A new game connection for the same user to a real server (another tab, or coming back after a drop).</summary>
    public async Task<HubClient> ConnectAsync(Uri server) => await ListenAsync(await HubClient.OpenAsync(server, Api.AccessToken, "/hubs/game", Events));

    /// <summary>
    /// Comes back on <paramref name="server"/> (after the connection was closed, or its server died): a new
    /// connection becomes <see cref="Hub"/>; the old one is closed first if it is still open.
    /// </summary>
    public async Task ReconnectAsync(Uri server)
    {
        await Hub.DisposeAsync();
        Hub = await ConnectAsync(server);
    }

    private async Task<HubClient> ListenAsync(HubClient hub)
    {
        hub.Connection.On<JsonNode>("Ping", ping =>
        {
            if (AnswersPings)
            {
                // Not awaited: an invocation awaited inside a handler would hold up the client's receive loop.
                _ = hub.Connection.SendAsync("Pong", ping["seq"]!.GetValue<long>());
            }
        });

        // The server runs OnConnectedAsync after the handshake the client's start waits for; an invocation is
        // only handled after it, so this round trip proves the connection is counted (seq 0 answers no ping).
        await hub.Connection.InvokeAsync("Pong", 0L);
        return hub;
    }

    public async Task<Guid> JoinQueueAsync(string mode = "classic") =>
        RoomIdOf(await Hub.Connection.InvokeAsync<JsonNode>("JoinQueue", mode));

    public async Task<Guid> InviteAsync(GamePlayer guest, string mode = "classic") =>
        RoomIdOf(await Hub.Connection.InvokeAsync<JsonNode>("Invite", guest.Id, mode));

    public Task InvokeAsync(string method, params object?[] args) => Hub.Connection.InvokeCoreAsync(method, args);

    public Task<JsonNode> NextAsync(string eventName, Func<JsonNode, bool>? matching = null, TimeSpan? wait = null) =>
        Hub.NextAsync(eventName, matching, wait);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    private static Guid RoomIdOf(JsonNode result) => Guid.Parse(result["roomId"]!.GetValue<string>());
}
