using System.Net;
using System.Net.Http.Json;
using System.Text;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>Channel management over HTTP: create, list, search, join, leave, and every refusal as problem details.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ChannelsApiTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_created_channel_is_listed_searched_mine_and_detailed_for_members()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");

        var created = await (await alice.Http.PostAsJsonAsync("/api/channels", new { name = "  Pong fans ", visibility = "public" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        created["name"]!.GetValue<string>().ShouldBe("Pong fans");
        created["visibility"]!.GetValue<string>().ShouldBe("public");
        created["kind"]!.GetValue<string>().ShouldBe("group");
        created["memberCount"]!.GetValue<int>().ShouldBe(1);
        var pong = Guid.Parse(created["id"]!.GetValue<string>());
        var guarded = await alice.CreateChannelAsync("Guarded", "protected", "s3cret!42");
        var hidden = await alice.CreateChannelAsync("Hidden", "private");

        var listed = (await (await bob.Http.GetAsync("/api/channels")).ReadJsonAsync(HttpStatusCode.OK)).AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToList();
        listed.ShouldContain(pong.ToString());
        listed.ShouldContain(guarded.ToString());
        listed.ShouldNotContain(hidden.ToString());

        var searched = (await (await bob.Http.GetAsync("/api/channels?search=pong")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        searched.Select(c => c!["id"]!.GetValue<string>()).ShouldBe([pong.ToString()]);
        (await (await bob.Http.GetAsync("/api/channels?search=hidden")).ReadJsonAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        var mine = (await (await alice.Http.GetAsync("/api/channels/mine")).ReadJsonAsync(HttpStatusCode.OK)).AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToList();
        mine.ShouldBe([pong.ToString(), guarded.ToString(), hidden.ToString()], ignoreOrder: true);
        (await (await bob.Http.GetAsync("/api/channels/mine")).ReadJsonAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        var details = await alice.DetailsAsync(pong);
        details["name"]!.GetValue<string>().ShouldBe("Pong fans");
        details.RoleOf(alice.UserId).ShouldBe("owner");
        details["members"]!.AsArray()[0]!["displayName"].ShouldNotBeNull();
        details["mutes"]!.AsArray().ShouldBeEmpty();
        details["bans"]!.AsArray().ShouldBeEmpty();
        await (await bob.Http.GetAsync($"/api/channels/{pong}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");
    }

    [Test]
    public async Task Joining_public_protected_and_private_channels_follows_their_rules()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var pub = await alice.CreateChannelAsync("public-one");
        var prot = await alice.CreateChannelAsync("protected-one", "protected", "open sesame");
        var priv = await alice.CreateChannelAsync("private-one", "private");

        await bob.JoinOkAsync(pub);
        (await bob.DetailsAsync(pub)).RoleOf(bob.UserId).ShouldBe("member");
        // Joining again changes nothing.
        await bob.JoinOkAsync(pub);
        (await bob.DetailsAsync(pub))["members"]!.AsArray().Count.ShouldBe(2);

        await (await bob.JoinAsync(prot)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await (await bob.JoinAsync(prot, "Open sesame")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await (await bob.JoinAsync(prot, new string('x', 10_000))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await bob.JoinOkAsync(prot, "open sesame");

        await (await bob.JoinAsync(priv)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        (await alice.Http.PostAsync($"/api/channels/{priv}/invites/{bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await bob.JoinOkAsync(priv);
        (await bob.DetailsAsync(priv)).RoleOf(bob.UserId).ShouldBe("member");

        // Public channels take no invitations; non-members invite nobody.
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await (await alice.Http.PostAsync($"/api/channels/{pub}/invites/{carol.UserId}", null))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        await (await carol.Http.PostAsync($"/api/channels/{priv}/invites/{carol.UserId}", null))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");
    }

    [Test]
    public async Task An_invitation_is_announced_to_the_invitee_only()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var priv = await alice.CreateChannelAsync("secret", "private");
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await using var aliceHub = await _app.ConnectChatAsync(alice);

        (await alice.Http.PostAsync($"/api/channels/{priv}/invites/{bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var notice = await bobHub.NextAsync("Notice", ChatTestKit.WithCode("invited"));
        notice["channelId"]!.GetValue<string>().ShouldBe(priv.ToString());
        notice["actorId"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
        notice["targetId"]!.GetValue<string>().ShouldBe(bob.UserId.ToString());
        notice["text"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        await aliceHub.ShouldReceiveNoneAsync("Notice");
    }

    [Test]
    public async Task The_owner_leaving_hands_the_channel_on_and_the_last_one_out_deletes_it()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        var channel = await alice.CreateChannelAsync("handover");
        await bob.JoinOkAsync(channel);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await carol.JoinOkAsync(channel);
        // Carol is an admin: she comes before Bob, who is older.
        (await alice.Http.PutAsync($"/api/channels/{channel}/admins/{carol.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await using var carolHub = await _app.ConnectChatAsync(carol);

        (await alice.Http.PostAsync($"/api/channels/{channel}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var heard = await bobHub.NextAsync("Notice", ChatTestKit.WithCode("owner_changed"));
        heard["targetId"]!.GetValue<string>().ShouldBe(carol.UserId.ToString());
        heard["channelId"]!.GetValue<string>().ShouldBe(channel.ToString());
        (await carolHub.NextAsync("Notice", ChatTestKit.WithCode("owner_changed")))["targetId"]!.GetValue<string>().ShouldBe(carol.UserId.ToString());
        (await bobHub.NextAsync("MemberLeft"))["userId"]!.GetValue<string>().ShouldBe(alice.UserId.ToString());
        var details = await bob.DetailsAsync(channel);
        details.RoleOf(carol.UserId).ShouldBe("owner");
        details.RoleOf(bob.UserId).ShouldBe("member");
        details.RoleOf(alice.UserId).ShouldBeNull();

        // With no admin left, the longest-standing member takes over.
        (await carol.Http.PostAsync($"/api/channels/{channel}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bob.DetailsAsync(channel)).RoleOf(bob.UserId).ShouldBe("owner");

        (await bob.Http.PostAsync($"/api/channels/{channel}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await bob.Http.GetAsync($"/api/channels/{channel}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "channel.not_found");
        await (await bob.JoinAsync(channel)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "channel.not_found");
        (await (await bob.Http.GetAsync("/api/channels")).ReadJsonAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }

    [Test]
    public async Task The_owner_alone_changes_name_visibility_and_password()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        var channel = await alice.CreateChannelAsync("before");
        await bob.JoinOkAsync(channel);
        await using var bobHub = await _app.ConnectChatAsync(bob);

        await (await bob.Http.PatchAsJsonAsync($"/api/channels/{channel}", new { name = "mine now" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.forbidden");
        var updated = await (await alice.Http.PatchAsJsonAsync($"/api/channels/{channel}", new { name = "after", visibility = "protected", password = "pass1234" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        updated["visibility"]!.GetValue<string>().ShouldBe("protected");
        (await bobHub.NextAsync("ChannelUpdated"))["name"]!.GetValue<string>().ShouldBe("after");

        await (await carol.JoinAsync(channel)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await carol.JoinOkAsync(channel, "pass1234");

        await (await alice.Http.PatchAsJsonAsync($"/api/channels/{channel}", new { visibility = "public" })).ReadJsonAsync(HttpStatusCode.OK);
        var dave = await ApiClient.LoginAsync(_app, "dave");
        await dave.JoinOkAsync(channel);
    }

    [Test]
    public async Task Every_refusal_is_problem_details_with_a_code_never_a_500()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("valid");
        var http = alice.Http;

        // Bodies: missing fields, wrong words, wrong types, malformed JSON.
        await (await http.PostAsJsonAsync("/api/channels", new { name = "", visibility = "public" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = "x", visibility = "secret" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = "x", visibility = "protected" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = "x", visibility = "protected", password = "abc" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = "x", visibility = "public", password = "abcdef" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = new string('n', 33), visibility = "public" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = "bad\u0007name", visibility = "public" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsJsonAsync("/api/channels", new { name = 42, visibility = "public" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsync("/api/channels", new StringContent("{\"name\":", Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PostAsync("/api/channels", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await (await http.PatchAsJsonAsync($"/api/channels/{channel}", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PutAsJsonAsync($"/api/channels/{channel}/mutes/{alice.UserId}", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PutAsJsonAsync($"/api/channels/{channel}/mutes/{alice.UserId}", new { until = "tomorrow" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.PutAsync($"/api/channels/{channel}/mutes/{alice.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Query strings.
        await (await http.GetAsync("/api/channels?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.GetAsync("/api/channels?limit=many")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.GetAsync($"/api/channels/{channel}/messages?limit=101")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.GetAsync($"/api/channels/{channel}/messages?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.GetAsync($"/api/channels/{channel}/messages?limit=ten")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await http.GetAsync($"/api/channels/{channel}/messages?before=not-an-id")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Ids: malformed ones match no route; unknown ones are named.
        await (await http.GetAsync("/api/channels/not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await http.PostAsync("/api/channels/not-a-guid/join", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await http.PostAsync("/api/dms/not-a-guid", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var unknown = Guid.NewGuid();
        await (await http.GetAsync($"/api/channels/{unknown}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "channel.not_found");
        await (await http.GetAsync($"/api/channels/{unknown}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "channel.not_found");
        await (await http.PostAsync($"/api/channels/{unknown}/leave", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "channel.not_found");
        await (await http.PostAsync($"/api/channels/{channel}/kick/{unknown}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await http.PostAsync($"/api/dms/{unknown}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await http.PostAsync($"/api/dms/{alice.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Not a member: leaving, reading, and no token at all.
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await (await bob.Http.PostAsync($"/api/channels/{channel}/leave", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");
        await (await bob.Http.GetAsync($"/api/channels/{channel}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.not_member");
        await (await _app.CreateClient().GetAsync("/api/channels")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }
}
