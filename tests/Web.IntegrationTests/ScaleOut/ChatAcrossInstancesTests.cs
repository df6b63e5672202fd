using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Hubs;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Two app processes on one PostgreSQL and one Redis, users connected to either: chat, moderation, notices,
/// signalling, blocks and logouts reach every instance (issue 15, "chat across instances").
/// </summary>
[NonParallelizable]
public sealed class ChatAcrossInstancesTests
{
    private const int A = 0;
    private const int B = 1;

    private const int QueueBound = 20;

    private ScaleOutCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await ScaleOutCluster.StartAsync(
        instances: 2,
        new Dictionary<string, string>
        {
            ["Hubs__Outgoing__MaxQueuedMessages"] = QueueBound.ToString(),
            // The bound, not the socket's own send timeout, is what closes a stalled reader here.
            ["Hubs__Outgoing__SendTimeout"] = "00:05:00",
        });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task A_channel_message_reaches_each_members_connections_on_both_instances_exactly_once()
    {
        var owner = await _cluster.LoginAsync(A, Unique("owner"));
        var bob = await _cluster.LoginAsync(B, Unique("bob"));
        var carol = await _cluster.LoginAsync(B, Unique("carol"));
        var channel = await owner.CreateChannelAsync(Unique("lobby"));
        await bob.JoinOkAsync(channel);
        await carol.JoinOkAsync(channel);
        await using var ownerHub = await _cluster.ConnectChatAsync(A, owner);
        await using var bobOnA = await _cluster.ConnectChatAsync(A, bob);
        await using var bobOnB = await _cluster.ConnectChatAsync(B, bob);
        await using var carolOnB = await _cluster.ConnectChatAsync(B, carol);
        HubClient[] everyone = [ownerHub, bobOnA, bobOnB, carolOnB];

        await ownerHub.SendAsync(channel, "hello from A");
        await bobOnB.SendAsync(channel, "hello from B");

        foreach (var text in new[] { "hello from A", "hello from B" })
        {
            foreach (var hub in everyone)
            {
                (await hub.NextAsync("MessageReceived", ChatTestKit.WithText(text)))["channelId"]!.GetValue<string>().ShouldBe(channel.ToString());
            }
        }

        foreach (var hub in everyone)
        {
            await hub.ShouldReceiveNoneAsync("MessageReceived");
        }
    }

    [TestCase("kick")]
    [TestCase("ban")]
    public async Task A_kick_or_ban_on_one_instance_takes_the_target_out_of_the_channel_on_the_other(string sanction)
    {
        var owner = await _cluster.LoginAsync(A, Unique("owner"));
        var bob = await _cluster.LoginAsync(B, Unique("bob"));
        var dave = await _cluster.LoginAsync(B, Unique("dave"));
        var channel = await owner.CreateChannelAsync(Unique("moderated"));
        await bob.JoinOkAsync(channel);
        await dave.JoinOkAsync(channel);
        await using var ownerHub = await _cluster.ConnectChatAsync(A, owner);
        await using var bobOnB = await _cluster.ConnectChatAsync(B, bob);
        await using var daveOnB = await _cluster.ConnectChatAsync(B, dave);

        var response = sanction == "kick"
            ? await owner.Http.PostAsync($"/api/channels/{channel}/kick/{bob.UserId}", null)
            : await owner.Http.PutAsync($"/api/channels/{channel}/bans/{bob.UserId}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bobOnB.NextAsync("Notice", ChatTestKit.WithCode(sanction == "kick" ? "kicked" : "banned"));

        // Sent on A right after the sanction, and by a member on bob's own instance: dave hears both, bob neither.
        await ownerHub.SendAsync(channel, "bob is gone");
        await daveOnB.SendAsync(channel, "indeed");
        await daveOnB.NextAsync("MessageReceived", ChatTestKit.WithText("bob is gone"));
        await ownerHub.NextAsync("MessageReceived", ChatTestKit.WithText("indeed"));
        await bobOnB.ShouldReceiveNoneAsync("MessageReceived", ChatTestKit.InChannel(channel));
    }

    [Test]
    public async Task A_notice_and_a_signal_reach_the_users_connections_on_both_instances_once()
    {
        var alice = await _cluster.LoginAsync(A, Unique("alice"));
        var bob = await _cluster.LoginAsync(B, Unique("bob"));
        await alice.OpenDirectAsync(bob);
        await using var aliceHub = await _cluster.ConnectChatAsync(A, alice);
        await using var bobOnA = await _cluster.ConnectChatAsync(A, bob);
        await using var bobOnB = await _cluster.ConnectChatAsync(B, bob);

        (await alice.Http.PutAsync($"/api/users/me/friends/{bob.UserId}", null)).IsSuccessStatusCode.ShouldBeTrue();
        await aliceHub.Connection.InvokeAsync("Signal", bob.UserId, "offer", JsonDocument.Parse("""{"sdp":"v=0"}""").RootElement);

        foreach (var tab in new[] { bobOnA, bobOnB })
        {
            (await tab.NextAsync("Notice", ChatTestKit.WithCode("friend_request")))["actorId"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
            (await tab.NextAsync("Signal"))["fromUserId"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
        }

        foreach (var tab in new[] { bobOnA, bobOnB })
        {
            await tab.ShouldReceiveNoneAsync("Signal");
            await tab.ShouldReceiveNoneAsync("Notice", ChatTestKit.WithCode("friend_request"));
        }
    }

    [Test]
    public async Task A_member_on_the_other_instance_who_blocks_the_sender_does_not_get_the_senders_messages()
    {
        var alice = await _cluster.LoginAsync(A, Unique("alice"));
        var bob = await _cluster.LoginAsync(B, Unique("bob"));
        var carol = await _cluster.LoginAsync(B, Unique("carol"));
        var channel = await alice.CreateChannelAsync(Unique("blocky"));
        await bob.JoinOkAsync(channel);
        await carol.JoinOkAsync(channel);
        await bob.BlockAsync(alice);
        await using var aliceHub = await _cluster.ConnectChatAsync(A, alice);
        await using var bobOnA = await _cluster.ConnectChatAsync(A, bob);
        await using var bobOnB = await _cluster.ConnectChatAsync(B, bob);
        await using var carolOnB = await _cluster.ConnectChatAsync(B, carol);

        await aliceHub.SendAsync(channel, "can you hear me?");

        await carolOnB.NextAsync("MessageReceived", ChatTestKit.WithText("can you hear me?"));
        await bobOnB.ShouldReceiveNoneAsync("MessageReceived");
        await bobOnA.ShouldReceiveNoneAsync("MessageReceived");
    }

    [Test]
    public async Task A_logout_on_one_instance_closes_the_logins_connection_on_the_other_and_its_token_is_refused_there()
    {
        var onA = await _cluster.LoginAsync(A, Unique("jdoe"));
        // The same access token, presented to the other instance.
        var sameLoginOnB = new ApiClient(_cluster.Instances[B].CreateClient(), onA.UserId, onA.AccessToken);
        sameLoginOnB.Http.DefaultRequestHeaders.Authorization = new("Bearer", onA.AccessToken);
        (await sameLoginOnB.Http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var chatOnB = await _cluster.ConnectChatAsync(B, sameLoginOnB);

        (await onA.Http.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await chatOnB.ClosedWithinAsync(TimeSpan.FromSeconds(5));
        // At once, not after B's cache of "this login stands" (Auth:Sessions:CheckCacheDuration) runs out.
        await (await sameLoginOnB.Http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task A_member_who_stops_reading_on_the_other_instance_is_closed_with_slow_consumer_while_everyone_else_carries_on()
    {
        var alice = await _cluster.LoginAsync(A, Unique("alice"));
        var bob = await _cluster.LoginAsync(B, Unique("bob"));
        var carol = await _cluster.LoginAsync(B, Unique("carol"));
        var channel = await alice.CreateChannelAsync(Unique("busy"));
        await bob.JoinOkAsync(channel);
        await carol.JoinOkAsync(channel);
        await using var sender = await _cluster.ConnectChatAsync(A, alice);
        await using var reader = await _cluster.ConnectChatAsync(B, bob);
        await using var stalled = await StalledHubReader.ConnectAsync(_cluster.Instances[B].BaseAddress, carol.AccessToken, ChatTestKit.HubPath);

        // B holds no more than the bound for the stalled reader, whatever instance the messages come from.
        await SlowReaderFlood.RunAsync(
            sender, reader, stalled, channel, () => _cluster.Instances[B].Output.Contains($"of user {carol.UserId}: a slow reader", StringComparison.Ordinal), () => _cluster.Output);
    }

    private static string Unique(string login) => $"{login}{Guid.NewGuid():N}"[..16];
}
