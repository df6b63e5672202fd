using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>Live chat over real SignalR connections: sending, delivery to every tab, idempotence, text rules, history, blocks.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ChatHubTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_message_reaches_every_member_connection_with_the_contract_shape()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await using var aliceTab1 = await _app.ConnectChatAsync(alice);
        await using var aliceTab2 = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await using var carolHub = await _app.ConnectChatAsync(carol);
        var channel = await alice.CreateChannelAsync("general");
        await bob.JoinOkAsync(channel);
        (await aliceTab2.NextAsync("MemberJoined"))["user"]!["id"]!.GetValue<string>().ShouldBe(bob.UserId.ToString());

        var sent = await aliceTab1.SendAsync(channel, "  hello\r\nworld  ", "c-1");

        var messageId = sent["messageId"]!.GetValue<string>();
        Guid.TryParse(messageId, out _).ShouldBeTrue();
        sent["sentAt"]!.GetValue<string>().ShouldBe("2026-11-24T10:00:00Z");
        foreach (var hub in new[] { aliceTab1, aliceTab2, bobHub })
        {
            var received = await hub.NextAsync("MessageReceived");
            received["channelId"]!.GetValue<string>().ShouldBe(channel.ToString());
            received["messageId"]!.GetValue<string>().ShouldBe(messageId);
            received["sender"]!["id"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
            received["sender"]!["displayName"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            received["text"]!.GetValue<string>().ShouldBe("hello\nworld");
            received["sentAt"]!.GetValue<string>().ShouldBe("2026-11-24T10:00:00Z");
            received["clientMessageId"]!.GetValue<string>().ShouldBe("c-1");
        }

        await carolHub.ShouldReceiveNoneAsync("MessageReceived");
        (await bobHub.SendAsync(channel, "hi alice"))["messageId"].ShouldNotBeNull();
        (await aliceTab2.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("hi alice");
    }

    [Test]
    public async Task Non_members_are_refused_and_the_connection_stays_usable()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var channel = await alice.CreateChannelAsync("members-only");
        await using var bobHub = await _app.ConnectChatAsync(bob);

        await bobHub.SendAsync(channel, "let me in").ShouldBeRefusedAsync("channel.not_member");
        await bobHub.SendAsync(Guid.NewGuid(), "anyone?").ShouldBeRefusedAsync("channel.not_found");

        await bob.JoinOkAsync(channel);
        await bobHub.SendAsync(channel, "now I am in");
        (await bobHub.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("now I am in");
    }

    [Test]
    public async Task Malformed_arguments_are_a_validation_refusal_and_the_connection_stays_usable()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("typed");
        await using var hub = await _app.ConnectChatAsync(alice);

        await hub.Connection.InvokeAsync<object>("SendMessage", "not-a-guid", "hi", "c1").ShouldBeRefusedAsync("validation");
        await hub.Connection.InvokeAsync<object>("SendMessage", channel, "hi").ShouldBeRefusedAsync("validation");
        await hub.Connection.InvokeAsync<object>("SendMessage", channel, 42, "c1").ShouldBeRefusedAsync("validation");
        await hub.Connection.InvokeAsync<object>("SendMessage", Guid.Empty, "hi", "c1").ShouldBeRefusedAsync("validation");

        await hub.SendAsync(channel, "still fine");
        (await hub.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("still fine");
    }

    [Test]
    public async Task The_same_client_message_id_is_stored_and_delivered_once()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var channel = await alice.CreateChannelAsync("retry");
        await bob.JoinOkAsync(channel);
        await using var aliceHub = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);

        var first = await aliceHub.SendAsync(channel, "once", "retry-1");
        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        var again = await aliceHub.SendAsync(channel, "once", "retry-1");

        again.ToJsonString().ShouldBe(first.ToJsonString());
        await bobHub.NextAsync("MessageReceived");
        await bobHub.ShouldReceiveNoneAsync("MessageReceived");
        (await bob.HistoryAsync(channel)).Count.ShouldBe(1);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("bell\u0007")]
    [TestCase("nul\u0000here")]
    [TestCase("escape\u001b[31m")]
    public async Task Text_that_breaks_the_rules_is_a_validation_refusal(string text)
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("rules");
        await using var hub = await _app.ConnectChatAsync(alice);

        await hub.SendAsync(channel, text).ShouldBeRefusedAsync("validation");
        await hub.ShouldReceiveNoneAsync("MessageReceived");
    }

    [Test]
    public async Task Text_is_1_to_2000_characters_and_a_client_message_id_1_to_64()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("limits");
        await using var hub = await _app.ConnectChatAsync(alice);

        await hub.SendAsync(channel, new string('a', 2001)).ShouldBeRefusedAsync("validation");
        await hub.SendAsync(channel, "ok", new string('c', 65)).ShouldBeRefusedAsync("validation");
        await hub.SendAsync(channel, "ok", "").ShouldBeRefusedAsync("validation");
        await hub.SendAsync(channel, "ok", "has space").ShouldBeRefusedAsync("validation");
        await hub.Connection.InvokeAsync<object>("SendMessage", channel, (string?)null, "c").ShouldBeRefusedAsync("validation");

        await hub.SendAsync(channel, new string('a', 2000), new string('c', 64));
        await hub.SendAsync(channel, string.Concat(Enumerable.Repeat("😀", 2000)));
        await hub.SendAsync(channel, "x");
        (await alice.HistoryAsync(channel)).Count.ShouldBe(3);
    }

    [Test]
    public async Task Sending_too_fast_is_rate_limited_until_the_window_passes()
    {
        await _app.DisposeAsync();
        _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Chat:SendLimit:Messages"] = "3",
            ["Chat:SendLimit:Window"] = "00:00:10",
        });
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("fast");
        await using var tab1 = await _app.ConnectChatAsync(alice);
        await using var tab2 = await _app.ConnectChatAsync(alice);

        await tab1.SendAsync(channel, "1", "m1");
        await tab2.SendAsync(channel, "2", "m2");
        await tab1.SendAsync(channel, "3", "m3");
        // The limit is per user, whatever the connection.
        await tab2.SendAsync(channel, "4", "m4").ShouldBeRefusedAsync("rate_limited");
        // A repeat of a stored message is not a new send.
        await tab1.SendAsync(channel, "3", "m3");

        _app.Clock.Advance(TimeSpan.FromSeconds(10));
        await tab2.SendAsync(channel, "4", "m4");
        (await alice.HistoryAsync(channel)).Count.ShouldBe(4);
    }

    [Test]
    public async Task History_is_newest_first_paged_with_before_and_limit()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("paging");
        await using var hub = await _app.ConnectChatAsync(alice);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Two messages share each millisecond: ids still order them.
            if (i % 2 == 0)
            {
                _app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }

            ids.Add((await hub.SendAsync(channel, $"m{i}"))["messageId"]!.GetValue<string>());
        }

        var newest = await alice.HistoryAsync(channel, "?limit=3");
        newest.Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["m6", "m5", "m4"]);
        var next = await alice.HistoryAsync(channel, $"?limit=3&before={newest[2]!["messageId"]}");
        next.Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["m3", "m2", "m1"]);
        var last = await alice.HistoryAsync(channel, $"?limit=3&before={next[2]!["messageId"]}");
        last.Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["m0"]);
        (await alice.HistoryAsync(channel, $"?before={ids[0]}")).ShouldBeEmpty();

        var all = await alice.HistoryAsync(channel);
        all.Select(m => m!["messageId"]!.GetValue<string>()).ShouldBe(Enumerable.Reverse(ids));
        var one = all[0]!;
        one["channelId"]!.GetValue<string>().ShouldBe(channel.ToString());
        one["sender"]!["id"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
        one["clientMessageId"].ShouldNotBeNull();
        one["sentAt"]!.GetValue<string>().ShouldEndWith("Z");
        (await alice.HistoryAsync(channel, "?limit=100")).Count.ShouldBe(7);
    }

    [Test]
    public async Task A_blocked_sender_is_not_heard_by_the_blocker_live_or_in_history()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        var channel = await alice.CreateChannelAsync("noisy");
        await bob.JoinOkAsync(channel);
        await carol.JoinOkAsync(channel);
        await alice.BlockAsync(bob);
        await using var aliceTab1 = await _app.ConnectChatAsync(alice);
        await using var aliceTab2 = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await using var carolHub = await _app.ConnectChatAsync(carol);

        await bobHub.SendAsync(channel, "from bob");
        await carolHub.SendAsync(channel, "from carol");

        (await carolHub.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("from bob");
        (await bobHub.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("from bob");
        foreach (var tab in new[] { aliceTab1, aliceTab2 })
        {
            (await tab.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("from carol");
            await tab.ShouldReceiveNoneAsync("MessageReceived");
        }

        (await alice.HistoryAsync(channel)).Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["from carol"]);
        (await carol.HistoryAsync(channel)).Select(m => m!["text"]!.GetValue<string>()).ShouldBe(["from carol", "from bob"]);
        // Blocking is one way: Bob still hears Alice.
        await aliceTab1.SendAsync(channel, "from alice");
        (await bobHub.NextAsync("MessageReceived", ChatTestKit.WithText("from alice"))).ShouldNotBeNull();

        // Unblocking brings him back.
        (await alice.Http.DeleteAsync($"/api/users/me/blocks/{bob.UserId}")).IsSuccessStatusCode.ShouldBeTrue();
        await bobHub.SendAsync(channel, "again");
        (await aliceTab2.NextAsync("MessageReceived", ChatTestKit.WithText("again"))).ShouldNotBeNull();
        (await alice.HistoryAsync(channel)).Count.ShouldBe(4);
    }

    [Test]
    public async Task A_new_connection_hears_channels_joined_earlier_without_rejoining()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var first = await alice.CreateChannelAsync("first");
        var second = await alice.CreateChannelAsync("second");
        await bob.JoinOkAsync(first);
        await using var aliceHub = await _app.ConnectChatAsync(alice);

        // Bob joined while offline, then connects, drops, and reconnects.
        var old = await _app.ConnectChatAsync(bob);
        await bob.JoinOkAsync(second);
        await old.DisposeAsync();
        await using var fresh = await _app.ConnectChatAsync(bob);

        await aliceHub.SendAsync(first, "to first");
        await aliceHub.SendAsync(second, "to second");
        (await fresh.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("to first");
        (await fresh.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("to second");
    }

    [Test]
    public async Task Leaving_stops_delivery_to_every_connection_of_the_user()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var channel = await alice.CreateChannelAsync("goodbye");
        await bob.JoinOkAsync(channel);
        await using var aliceHub = await _app.ConnectChatAsync(alice);
        await using var bobTab1 = await _app.ConnectChatAsync(bob);
        await using var bobTab2 = await _app.ConnectChatAsync(bob);

        (await bob.Http.PostAsync($"/api/channels/{channel}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var left = await aliceHub.NextAsync("MemberLeft");
        left["userId"]!.GetValue<string>().ShouldBe(bob.UserId.ToString());
        left["reason"]!.GetValue<string>().ShouldBe("left");

        await aliceHub.SendAsync(channel, "still here?");
        await bobTab1.ShouldReceiveNoneAsync("MessageReceived");
        await bobTab2.ShouldReceiveNoneAsync("MessageReceived");
        await bobTab1.SendAsync(channel, "let me back").ShouldBeRefusedAsync("channel.not_member");
    }
}
