using System.Net;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>Mutes, kicks, bans and roles, seen by real hub connections.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ModerationTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;
    private ApiClient _owner = null!;
    private ApiClient _bob = null!;
    private ApiClient _carol = null!;
    private Guid _channel;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider);
        _owner = await ApiClient.LoginAsync(_app, "owner");
        _bob = await ApiClient.LoginAsync(_app, "bob");
        _carol = await ApiClient.LoginAsync(_app, "carol");
        _channel = await _owner.CreateChannelAsync("moderated");
        await _bob.JoinOkAsync(_channel);
        await _carol.JoinOkAsync(_channel);
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_muted_member_cannot_send_until_the_end_and_the_sweeper_announces_unmuted()
    {
        await using var bobTab1 = await _app.ConnectChatAsync(_bob);
        await using var bobTab2 = await _app.ConnectChatAsync(_bob);
        await using var carolHub = await _app.ConnectChatAsync(_carol);
        var until = _app.Clock.GetUtcNow().AddMinutes(5);

        (await _owner.Http.PutAsJsonAsync($"/api/channels/{_channel}/mutes/{_bob.UserId}", new { until })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var heard in new[] { await bobTab1.NextAsync("Notice"), await bobTab2.NextAsync("Notice"), await carolHub.NextAsync("Notice") })
        {
            heard["code"]!.GetValue<string>().ShouldBe("muted");
            heard["channelId"]!.GetValue<string>().ShouldBe(_channel.ToString());
            heard["actorId"]!.GetValue<string>().ShouldBe(_owner.UserId.ToString());
            heard["targetId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
            heard["until"]!.GetValue<string>().ShouldBe("2026-11-24T10:05:00Z");
        }

        // The target hears it once per connection, not twice.
        await bobTab1.ShouldReceiveNoneAsync("Notice");
        var refusal = await bobTab1.SendAsync(_channel, "let me speak").ShouldBeRefusedAsync("chat.muted");
        refusal.ShouldContain("2026-11-24T10:05:00Z");
        (await _owner.DetailsAsync(_channel))["mutes"]!.AsArray().Single()!["userId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        // Others still speak.
        await carolHub.SendAsync(_channel, "I can");

        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        foreach (var hub in new[] { bobTab1, bobTab2, carolHub })
        {
            var unmuted = await hub.NextAsync("Notice", ChatTestKit.WithCode("unmuted"));
            unmuted["targetId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
            unmuted["actorId"].ShouldBeNull();
        }

        await bobTab2.SendAsync(_channel, "free again");
        (await _owner.DetailsAsync(_channel))["mutes"]!.AsArray().ShouldBeEmpty();
    }

    [Test]
    public async Task A_mute_ends_at_its_time_even_before_any_sweep()
    {
        await _app.DisposeAsync();
        // The sweeper would run only once an hour: enforcement must not wait for it.
        _app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Chat:SweepInterval"] = "01:00:00" });
        var owner = await ApiClient.LoginAsync(_app, "owner");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var channel = await owner.CreateChannelAsync("short mute");
        await bob.JoinOkAsync(channel);
        await using var bobHub = await _app.ConnectChatAsync(bob);

        (await owner.Http.PutAsJsonAsync($"/api/channels/{channel}/mutes/{bob.UserId}", new { until = _app.Clock.GetUtcNow().AddSeconds(30) }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bobHub.SendAsync(channel, "shh").ShouldBeRefusedAsync("chat.muted");
        _app.Clock.Advance(TimeSpan.FromSeconds(29));
        await bobHub.SendAsync(channel, "shh").ShouldBeRefusedAsync("chat.muted");

        _app.Clock.Advance(TimeSpan.FromSeconds(1));

        await bobHub.SendAsync(channel, "talking at the second it ends");
        await bobHub.ShouldReceiveNoneAsync("Notice", ChatTestKit.WithCode("unmuted"));
        (await owner.DetailsAsync(channel))["mutes"]!.AsArray().ShouldBeEmpty();
    }

    [Test]
    public async Task Mutes_need_a_future_end_and_an_admin_can_lift_them()
    {
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        var url = $"/api/channels/{_channel}/mutes/{_bob.UserId}";

        await (await _owner.Http.PutAsJsonAsync(url, new { until = _app.Clock.GetUtcNow() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _owner.Http.PutAsJsonAsync(url, new { until = (DateTimeOffset?)null })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _carol.Http.PutAsJsonAsync(url, new { until = _app.Clock.GetUtcNow().AddHours(1) })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");

        (await _owner.Http.PutAsJsonAsync(url, new { until = _app.Clock.GetUtcNow().AddHours(1) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bobHub.NextAsync("Notice", ChatTestKit.WithCode("muted"));
        (await _owner.Http.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bobHub.NextAsync("Notice", ChatTestKit.WithCode("unmuted")))["actorId"]!.GetValue<string>().ShouldBe(_owner.UserId.ToString());
        await bobHub.SendAsync(_channel, "thanks");
        // Lifting a mute that is not there changes nothing.
        (await _owner.Http.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task A_kicked_member_stops_hearing_the_channel_at_once_and_may_rejoin()
    {
        await using var ownerHub = await _app.ConnectChatAsync(_owner);
        await using var bobTab1 = await _app.ConnectChatAsync(_bob);
        await using var bobTab2 = await _app.ConnectChatAsync(_bob);
        await using var carolHub = await _app.ConnectChatAsync(_carol);

        (await _owner.Http.PostAsync($"/api/channels/{_channel}/kick/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var tab in new[] { bobTab1, bobTab2 })
        {
            var kicked = await tab.NextAsync("Notice");
            kicked["code"]!.GetValue<string>().ShouldBe("kicked");
            kicked["targetId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
            kicked["channelId"]!.GetValue<string>().ShouldBe(_channel.ToString());
        }

        (await carolHub.NextAsync("Notice"))["code"]!.GetValue<string>().ShouldBe("kicked");
        var left = await carolHub.NextAsync("MemberLeft");
        left["userId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        left["reason"]!.GetValue<string>().ShouldBe("kicked");

        await ownerHub.SendAsync(_channel, "bob is gone");
        (await carolHub.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("bob is gone");
        await bobTab1.ShouldReceiveNoneAsync("MessageReceived");
        await bobTab2.ShouldReceiveNoneAsync("MessageReceived");
        await bobTab1.SendAsync(_channel, "hey").ShouldBeRefusedAsync("channel.not_member");
        await (await _bob.Http.GetAsync($"/api/channels/{_channel}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");

        await _bob.JoinOkAsync(_channel);
        await ownerHub.SendAsync(_channel, "welcome back");
        (await bobTab1.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("welcome back");
        (await bobTab2.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe("welcome back");
        await (await _owner.Http.PostAsync($"/api/channels/{_channel}/kick/{Guid.NewGuid()}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        var stranger = await ApiClient.LoginAsync(_app, "stranger");
        await (await _owner.Http.PostAsync($"/api/channels/{_channel}/kick/{stranger.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "channel.not_member");
    }

    [Test]
    public async Task A_ban_keeps_out_of_joining_and_reading_until_lifted()
    {
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        await using var carolHub = await _app.ConnectChatAsync(_carol);

        (await _owner.Http.PutAsync($"/api/channels/{_channel}/bans/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var banned = await bobHub.NextAsync("Notice");
        banned["code"]!.GetValue<string>().ShouldBe("banned");
        banned["until"].ShouldBeNull();
        (await carolHub.NextAsync("MemberLeft"))["reason"]!.GetValue<string>().ShouldBe("banned");
        await carolHub.SendAsync(_channel, "behind bob's back");
        await bobHub.ShouldReceiveNoneAsync("MessageReceived");
        await bobHub.SendAsync(_channel, "hello?").ShouldBeRefusedAsync("channel.not_member");
        await (await _bob.JoinAsync(_channel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");
        await (await _bob.Http.GetAsync($"/api/channels/{_channel}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");
        await (await _bob.Http.GetAsync($"/api/channels/{_channel}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");
        (await _owner.DetailsAsync(_channel))["bans"]!.AsArray().Single()!["userId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());

        (await _owner.Http.DeleteAsync($"/api/channels/{_channel}/bans/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bobHub.NextAsync("Notice", ChatTestKit.WithCode("unbanned"))).ShouldNotBeNull();
        await _bob.JoinOkAsync(_channel);
        (await _bob.HistoryAsync(_channel)).Select(m => m!["text"]!.GetValue<string>()).ShouldContain("behind bob's back");
    }

    [Test]
    public async Task A_ban_with_an_end_lapses_at_that_time()
    {
        var until = _app.Clock.GetUtcNow().AddHours(1);
        (await _owner.Http.PutAsJsonAsync($"/api/channels/{_channel}/bans/{_bob.UserId}", new { until })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var refusal = await (await _bob.JoinAsync(_channel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");
        refusal["detail"]!.GetValue<string>().ShouldContain("2026-11-24T11:00:00Z");
        await (await _owner.Http.PutAsJsonAsync($"/api/channels/{_channel}/bans/{_carol.UserId}", new { until = _app.Clock.GetUtcNow().AddHours(-1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        _app.Clock.Advance(TimeSpan.FromHours(1));
        // Access tokens live shorter than that: sign in again.
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await bob.JoinOkAsync(_channel);
    }

    [Test]
    public async Task Nobody_acts_on_the_owner_and_only_the_owner_acts_on_admins()
    {
        (await _owner.Http.PutAsync($"/api/channels/{_channel}/admins/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _owner.Http.PutAsync($"/api/channels/{_channel}/admins/{_carol.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var details = await _owner.DetailsAsync(_channel);
        details.RoleOf(_bob.UserId).ShouldBe("admin");
        details.RoleOf(_carol.UserId).ShouldBe("admin");
        var ownerId = _owner.UserId;

        // Acting on the owner.
        foreach (var attempt in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => _bob.Http.PostAsync($"/api/channels/{_channel}/kick/{ownerId}", null),
                     () => _bob.Http.PutAsync($"/api/channels/{_channel}/bans/{ownerId}", null),
                     () => _bob.Http.PutAsJsonAsync($"/api/channels/{_channel}/mutes/{ownerId}", new { until = _app.Clock.GetUtcNow().AddHours(1) }),
                     () => _owner.Http.PostAsync($"/api/channels/{_channel}/kick/{ownerId}", null),
                 })
        {
            await (await attempt()).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.owner_protected");
        }

        // An admin on an admin.
        await (await _bob.Http.PostAsync($"/api/channels/{_channel}/kick/{_carol.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        await (await _bob.Http.PutAsync($"/api/channels/{_channel}/bans/{_carol.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        await (await _bob.Http.PutAsJsonAsync($"/api/channels/{_channel}/mutes/{_carol.UserId}", new { until = _app.Clock.GetUtcNow().AddHours(1) }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        // Only the owner grants and revokes.
        await (await _bob.Http.DeleteAsync($"/api/channels/{_channel}/admins/{_carol.UserId}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");

        // An admin on a member is fine; the owner on an admin is fine.
        var dave = await ApiClient.LoginAsync(_app, "dave");
        await dave.JoinOkAsync(_channel);
        (await _bob.Http.PostAsync($"/api/channels/{_channel}/kick/{dave.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _owner.Http.PostAsync($"/api/channels/{_channel}/kick/{_carol.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Members moderate nobody.
        await dave.JoinOkAsync(_channel);
        await (await dave.Http.PostAsync($"/api/channels/{_channel}/kick/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");

        (await _owner.Http.DeleteAsync($"/api/channels/{_channel}/admins/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _owner.DetailsAsync(_channel)).RoleOf(_bob.UserId).ShouldBe("member");
    }

    [Test]
    public async Task Granting_admin_is_announced_to_the_channel()
    {
        await using var bobHub = await _app.ConnectChatAsync(_bob);
        await using var carolHub = await _app.ConnectChatAsync(_carol);

        (await _owner.Http.PutAsync($"/api/channels/{_channel}/admins/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await bobHub.NextAsync("Notice"))["code"]!.GetValue<string>().ShouldBe("admin_granted");
        (await carolHub.NextAsync("Notice"))["targetId"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
    }
}

/// <summary>On Postgres, a ban outlives the process that made it.</summary>
public sealed class BanRestartTests
{
    [Test]
    public async Task A_ban_survives_an_app_restart_on_the_same_database()
    {
        string connectionString;
        Guid channel;
        await using (var before = await TranscendenceApp.StartAsync(StorageProvider.Postgres))
        {
            connectionString = before.ConnectionString!;
            var owner = await ApiClient.LoginAsync(before, "owner");
            var bob = await ApiClient.LoginAsync(before, "bob");
            channel = await owner.CreateChannelAsync("remembers");
            await bob.JoinOkAsync(channel);
            (await owner.Http.PutAsync($"/api/channels/{channel}/bans/{bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await using var after = await TranscendenceApp.StartAsync(StorageProvider.Postgres, connectionString);
        var bobAgain = await ApiClient.LoginAsync(after, "bob");
        await (await bobAgain.JoinAsync(channel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");
        await (await bobAgain.Http.GetAsync($"/api/channels/{channel}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.banned");

        var ownerAgain = await ApiClient.LoginAsync(after, "owner");
        (await ownerAgain.DetailsAsync(channel))["bans"]!.AsArray().Count.ShouldBe(1);
        (await ownerAgain.Http.DeleteAsync($"/api/channels/{channel}/bans/{bobAgain.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bobAgain.JoinOkAsync(channel);
    }
}
