using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>What the chat tests do over and over, written the way a client would do it.</summary>
internal static class ChatTestKit
{
    public const string HubPath = "/hubs/chat";

    /// <summary>Every chat hub event, so a test can wait for any of them.</summary>
    public static readonly string[] AllEvents =
        ["MessageReceived", "Notice", "MemberJoined", "MemberLeft", "ChannelUpdated", "PresenceChanged", "Signal"];

    /// <summary>
    /// Connects, listening for every chat event, and waits until the server has put the connection in its
    /// channel groups (<see cref="HubClient.ConnectAsync"/> proves it with a round trip).
    /// </summary>
    public static Task<HubClient> ConnectChatAsync(this TranscendenceApp app, ApiClient user) =>
        HubClient.ConnectAsync(app, user, HubPath, AllEvents);

    /// <summary>An invocation the server answers with an error and nothing else: proof that what came before is done.</summary>
    public static async Task RoundTripAsync(this HubClient hub) =>
        await Should.ThrowAsync<HubException>(() => hub.Connection.InvokeAsync("NoSuchMethod"));

    public static async Task<Guid> CreateChannelAsync(this ApiClient owner, string name, string visibility = "public", string? password = null)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/channels", new { name, visibility, password });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        return Guid.Parse(body["id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> JoinAsync(this ApiClient user, Guid channelId, string? password = null) =>
        user.Http.PostAsJsonAsync($"/api/channels/{channelId}/join", new { password });

    public static async Task JoinOkAsync(this ApiClient user, Guid channelId, string? password = null) =>
        await (await user.JoinAsync(channelId, password)).ReadJsonAsync(HttpStatusCode.OK);

    public static async Task<JsonNode> DetailsAsync(this ApiClient user, Guid channelId) =>
        await (await user.Http.GetAsync($"/api/channels/{channelId}")).ReadJsonAsync(HttpStatusCode.OK);

    public static async Task<JsonArray> HistoryAsync(this ApiClient user, Guid channelId, string query = "") =>
        (await (await user.Http.GetAsync($"/api/channels/{channelId}/messages{query}")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

    public static string? RoleOf(this JsonNode details, Guid userId) =>
        details["members"]!.AsArray().SingleOrDefault(m => m!["userId"]!.GetValue<string>() == userId.ToString())?["role"]!.GetValue<string>();

    /// <summary>Sends over the hub and returns <c>{messageId, sentAt}</c>.</summary>
    public static async Task<JsonNode> SendAsync(this HubClient hub, Guid channelId, string text, string? clientMessageId = null)
    {
        var result = await hub.Connection.InvokeAsync<JsonElement>("SendMessage", channelId, text, clientMessageId ?? Guid.NewGuid().ToString("N"));
        return JsonNode.Parse(result.GetRawText())!;
    }

    /// <summary>Asserts a hub call is refused with <paramref name="code"/> (the message starts with <c>code: </c>).</summary>
    public static async Task<string> ShouldBeRefusedAsync(this Task call, string code)
    {
        var refusal = await Should.ThrowAsync<HubException>(call);
        refusal.Message.ShouldStartWith($"{code}: ");
        return refusal.Message;
    }

    public static Func<JsonNode, bool> InChannel(Guid channelId) =>
        e => e["channelId"]?.GetValue<string>() == channelId.ToString();

    public static Func<JsonNode, bool> WithText(string text) => e => e["text"]?.GetValue<string>() == text;

    public static Func<JsonNode, bool> WithCode(string code) => e => e["code"]?.GetValue<string>() == code;

    public static async Task BefriendAsync(ApiClient a, ApiClient b)
    {
        (await a.Http.PutAsync($"/api/users/me/friends/{b.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await b.Http.PutAsync($"/api/users/me/friends/{a.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
    }

    public static async Task BlockAsync(this ApiClient blocker, ApiClient blocked) =>
        (await blocker.Http.PutAsync($"/api/users/me/blocks/{blocked.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();

    public static async Task<Guid> OpenDirectAsync(this ApiClient user, ApiClient peer) =>
        Guid.Parse((await (await user.Http.PostAsync($"/api/dms/{peer.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<string>());
}
