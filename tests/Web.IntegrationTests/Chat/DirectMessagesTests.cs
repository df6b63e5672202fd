using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>Direct messages, WebRTC signalling between their pair, and presence among friends.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class DirectMessagesTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;
    private ApiClient _alice = null!;
    private ApiClient _bob = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider);
        _alice = await ApiClient.LoginAsync(_app, "alice");
        _bob = await ApiClient.LoginAsync(_app, "bob");
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_direct_channel_is_made_once_and_both_hear_it_at_once()
    {
        await using var aliceHub = await _app.ConnectChatAsync(_alice);
        await using var bobTab1 = await _app.ConnectChatAsync(_bob);
        await using var bobTab2 = await _app.ConnectChatAsync(_bob);

        var opened = await (await _alice.Http.PostAsync($"/api/dms/{_bob.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);
        opened["kind"]!.GetValue<string>().ShouldBe("direct");
        opened["peerId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        var dm = Guid.Parse(opened["id"]!.GetValue<string>());
        (await _bob.OpenDirectAsync(_alice)).ShouldBe(dm);
        (await _alice.OpenDirectAsync(_bob)).ShouldBe(dm);

        var bobsList = (await (await _bob.Http.GetAsync("/api/channels/mine")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        bobsList.Single()!["peerId"]!.GetValue<string>().ShouldBe(_alice.UserId.ToString());
        (await (await _bob.Http.GetAsync("/api/channels")).ReadJsonAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        // Connections opened before the channel existed hear it without reconnecting.
        await aliceHub.SendAsync(dm, "psst");
        (await bobTab1.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("psst");
        (await bobTab2.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("psst");
        await bobTab2.SendAsync(dm, "what?");
        (await aliceHub.NextAsync("MessageReceived", ChatTestKit.WithText("what?"))).ShouldNotBeNull();
        (await _alice.HistoryAsync(dm)).Count.ShouldBe(2);

        // Nobody else reads, joins or leaves it.
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await (await carol.Http.GetAsync($"/api/channels/{dm}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");
        await (await carol.JoinAsync(dm)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        await (await _alice.Http.PostAsync($"/api/channels/{dm}/leave", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
    }

    [Test]
    public async Task No_direct_channel_across_a_block_either_way()
    {
        await _bob.BlockAsync(_alice);

        await (await _alice.Http.PostAsync($"/api/dms/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "user.blocked");
        await (await _bob.Http.PostAsync($"/api/dms/{_alice.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "user.blocked");
    }

    [Test]
    public async Task A_direct_channel_opened_before_a_block_is_refused_after_it()
    {
        var dm = await _alice.OpenDirectAsync(_bob);
        await using var aliceHub = await _app.ConnectChatAsync(_alice);
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        await _bob.BlockAsync(_alice);

        await (await _alice.Http.PostAsync($"/api/dms/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "user.blocked");
        // Nothing Alice still sends there is taken, so Bob hears nothing.
        await aliceHub.SendAsync(dm, "are you there?").ShouldBeRefusedAsync("user.blocked");
        await bobHub.ShouldReceiveNoneAsync("MessageReceived");
        (await _bob.HistoryAsync(dm)).ShouldBeEmpty();
    }

    [TestCase("offer")]
    [TestCase("answer")]
    [TestCase("candidate")]
    [TestCase("hangup")]
    public async Task A_signal_reaches_every_connection_of_the_target_when_they_share_a_dm(string kind)
    {
        await _alice.OpenDirectAsync(_bob);
        await using var aliceHub = await _app.ConnectChatAsync(_alice);
        await using var bobTab1 = await _app.ConnectChatAsync(_bob);
        await using var bobTab2 = await _app.ConnectChatAsync(_bob);
        var payload = JsonDocument.Parse("""{"type":"offer","sdp":"v=0\r\no=- 46117 2 IN IP4 127.0.0.1","nested":{"n":[1,2.5,null,true]}}""").RootElement;

        await aliceHub.Connection.InvokeAsync("Signal", _bob.UserId, kind, payload);

        foreach (var tab in new[] { bobTab1, bobTab2 })
        {
            var signal = await tab.NextAsync("Signal");
            signal["fromUserId"]!.GetValue<string>().ShouldBe(_alice.UserId.ToString());
            signal["kind"]!.GetValue<string>().ShouldBe(kind);
            JsonNode.DeepEquals(signal["payload"], JsonNode.Parse(payload.GetRawText())).ShouldBeTrue(signal.ToJsonString());
        }

        await aliceHub.ShouldReceiveNoneAsync("Signal");
    }

    [Test]
    public async Task Signals_are_refused_without_a_dm_across_a_block_with_a_bad_kind_or_too_big_and_the_connection_survives()
    {
        await using var aliceHub = await _app.ConnectChatAsync(_alice);
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        var small = JsonDocument.Parse("""{"candidate":"a"}""").RootElement;
        Task Signal(object target, object? kind, object? payload) => aliceHub.Connection.InvokeAsync("Signal", target, kind, payload);

        await Signal(_bob.UserId, "offer", small).ShouldBeRefusedAsync("channel.forbidden");
        await Signal(Guid.NewGuid(), "offer", small).ShouldBeRefusedAsync("user.not_found");

        await _alice.OpenDirectAsync(_bob);
        await Signal(_bob.UserId, "call-me", small).ShouldBeRefusedAsync("validation");
        await Signal(_bob.UserId, "OFFER", small).ShouldBeRefusedAsync("validation");
        await Signal(_bob.UserId, null, small).ShouldBeRefusedAsync("validation");
        await Signal(_alice.UserId, "offer", small).ShouldBeRefusedAsync("validation");
        await Signal("not-a-guid", "offer", small).ShouldBeRefusedAsync("validation");
        // Between the 16 KiB cap and SignalR's 32 KiB message limit: refused by the rule, connection kept.
        foreach (var size in new[] { 16 * 1024 + 1, 20 * 1024, 30 * 1024 })
        {
            await Signal(_bob.UserId, "offer", new { sdp = new string('s', size) }).ShouldBeRefusedAsync("validation");
        }

        // Multi-byte text counts in bytes, as the wire carries it.
        await Signal(_bob.UserId, "offer", new { sdp = new string('é', 9 * 1024) }).ShouldBeRefusedAsync("validation");
        await bobHub.ShouldReceiveNoneAsync("Signal");

        await Signal(_bob.UserId, "offer", new { sdp = new string('s', 16 * 1024 - 20) });
        (await bobHub.NextAsync("Signal"))["kind"]!.GetValue<string>().ShouldBe("offer");

        await _bob.BlockAsync(_alice);
        await Signal(_bob.UserId, "offer", small).ShouldBeRefusedAsync("user.blocked");
        await bobHub.Connection.InvokeAsync("Signal", _alice.UserId, "answer", small).ShouldBeRefusedAsync("user.blocked");
        await bobHub.ShouldReceiveNoneAsync("Signal");
        aliceHub.Connection.State.ShouldBe(HubConnectionState.Connected);
    }

    [Test]
    public async Task Friends_hear_each_other_come_online_and_go_offline()
    {
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await using var carolHub = await _app.ConnectChatAsync(carol);

        (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
        var request = await bobHub.NextAsync("Notice", ChatTestKit.WithCode("friend_request"));
        request["actorId"]!.GetValue<string>().ShouldBe(_alice.UserId.ToString());
        request["targetId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        request["text"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

        await using (var aliceHub = await _app.ConnectChatAsync(_alice))
        {
            // Not friends yet: a pending request shows no presence.
            await bobHub.ShouldReceiveNoneAsync("PresenceChanged");
            (await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
            var accepted = await aliceHub.NextAsync("Notice", ChatTestKit.WithCode("friend_accepted"));
            accepted["actorId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        }

        var offline = await bobHub.NextAsync("PresenceChanged");
        offline["userId"]!.GetValue<string>().ShouldBe(_alice.UserId.ToString());
        offline["status"]!.GetValue<string>().ShouldBe("offline");

        var tab1 = await _app.ConnectChatAsync(_alice);
        var online = await bobHub.NextAsync("PresenceChanged");
        online["userId"]!.GetValue<string>().ShouldBe(_alice.UserId.ToString());
        online["status"]!.GetValue<string>().ShouldBe("online");
        // A second tab changes nothing; closing one of two changes nothing.
        var tab2 = await _app.ConnectChatAsync(_alice);
        await tab1.DisposeAsync();
        await bobHub.ShouldReceiveNoneAsync("PresenceChanged");
        await tab2.DisposeAsync();
        (await bobHub.NextAsync("PresenceChanged"))["status"]!.GetValue<string>().ShouldBe("offline");
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged");
    }
}
