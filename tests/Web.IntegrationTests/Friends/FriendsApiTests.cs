using System.Net;
using System.Text.Json.Nodes;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Friends;

/// <summary>The friends routes over real HTTP, on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class FriendsApiTests(StorageProvider provider)
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
    public async Task A_request_shows_as_outgoing_for_the_sender_and_incoming_for_the_other()
    {
        var sent = await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);

        sent["state"]!.GetValue<string>().ShouldBe("outgoing");
        ShouldBeSummaryOf(sent["user"]!, _bob, "bob");
        var ofAlice = await FriendsOf(_alice);
        Ids(ofAlice["outgoing"]).ShouldBe([_bob.UserId]);
        Ids(ofAlice["incoming"]).ShouldBeEmpty();
        Ids(ofAlice["friends"]).ShouldBeEmpty();
        var ofBob = await FriendsOf(_bob);
        Ids(ofBob["incoming"]).ShouldBe([_alice.UserId]);
        ShouldBeSummaryOf(ofBob["incoming"]![0]!, _alice, "alice");
        Ids(ofBob["outgoing"]).ShouldBeEmpty();
    }

    [Test]
    public async Task Putting_back_accepts_the_request_and_both_are_friends()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);

        var accepted = await (await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);

        accepted["state"]!.GetValue<string>().ShouldBe("friends");
        foreach (var (client, other) in new[] { (_alice, _bob), (_bob, _alice) })
        {
            var list = await FriendsOf(client);
            Ids(list["friends"]).ShouldBe([other.UserId]);
            Ids(list["incoming"]).ShouldBeEmpty();
            Ids(list["outgoing"]).ShouldBeEmpty();
        }
    }

    [Test]
    public async Task Sending_again_is_idempotent()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);

        var again = await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);

        again["state"]!.GetValue<string>().ShouldBe("outgoing");
        Ids((await FriendsOf(_alice))["outgoing"]).ShouldBe([_bob.UserId]);
        Ids((await FriendsOf(_bob))["incoming"]).ShouldBe([_alice.UserId]);
    }

    [Test]
    public async Task Befriending_a_friend_again_keeps_the_friendship()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);
        await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null);

        var again = await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);

        again["state"]!.GetValue<string>().ShouldBe("friends");
        Ids((await FriendsOf(_bob))["friends"]).ShouldBe([_alice.UserId]);
    }

    [Test]
    public async Task Deleting_unfriends_on_both_sides()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);
        await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null);

        var response = await _bob.Http.DeleteAsync($"/api/users/me/friends/{_alice.UserId}");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldHaveNothing(_alice);
        await ShouldHaveNothing(_bob);
    }

    [Test]
    public async Task Deleting_ones_own_request_cancels_it()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);

        (await _alice.Http.DeleteAsync($"/api/users/me/friends/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ShouldHaveNothing(_alice);
        await ShouldHaveNothing(_bob);
    }

    [Test]
    public async Task Deleting_their_request_declines_it_and_they_may_ask_again()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);

        (await _bob.Http.DeleteAsync($"/api/users/me/friends/{_alice.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ShouldHaveNothing(_alice);
        await ShouldHaveNothing(_bob);
        var again = await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);
        again["state"]!.GetValue<string>().ShouldBe("outgoing");
    }

    [Test]
    public async Task Deleting_when_there_is_nothing_is_a_harmless_204()
    {
        (await _alice.Http.DeleteAsync($"/api/users/me/friends/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.Http.DeleteAsync($"/api/users/me/friends/{_alice.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Befriending_yourself_is_a_validation_problem_on_the_user_id()
    {
        var problem = await (await _alice.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["userId"]!.AsArray().Count.ShouldBeGreaterThan(0);
        await ShouldHaveNothing(_alice);
    }

    [Test]
    public async Task An_unknown_user_is_a_404_on_put_and_delete()
    {
        var nobody = Guid.NewGuid();

        await (await _alice.Http.PutAsync($"/api/users/me/friends/{nobody}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await _alice.Http.DeleteAsync($"/api/users/me/friends/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await ShouldHaveNothing(_alice);
    }

    [TestCase("not-a-uuid")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    [TestCase("12345")]
    public async Task A_malformed_or_empty_id_is_a_validation_problem(string id)
    {
        await (await _alice.Http.PutAsync($"/api/users/me/friends/{id}", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _alice.Http.DeleteAsync($"/api/users/me/friends/{id}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task Befriending_someone_you_block_is_forbidden()
    {
        await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null);

        await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "user.blocked");
        await ShouldHaveNothing(_alice);
        await ShouldHaveNothing(_bob);
    }

    [Test]
    public async Task Befriending_someone_who_blocks_you_is_forbidden()
    {
        await _bob.Http.PutAsync($"/api/users/me/blocks/{_alice.UserId}", null);

        await (await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "user.blocked");
        await ShouldHaveNothing(_bob);
    }

    [Test]
    public async Task Each_list_is_ordered_by_display_name()
    {
        var zed = await ApiClient.LoginAsync(_app, "zed");
        var carol = await ApiClient.LoginAsync(_app, "Carol");
        var mike = await ApiClient.LoginAsync(_app, "mike");
        foreach (var other in new[] { zed, _bob, carol, mike })
        {
            await _alice.Http.PutAsync($"/api/users/me/friends/{other.UserId}", null);
        }

        await mike.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null);
        await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null);

        var list = await FriendsOf(_alice);
        Names(list["friends"]).ShouldBe(["bob", "mike"]);
        Names(list["outgoing"]).ShouldBe(["Carol", "zed"]);
    }

    [Test]
    public async Task The_friends_routes_need_a_token()
    {
        var anonymous = _app.CreateClient();

        await (await anonymous.GetAsync("/api/users/me/friends")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.PutAsync($"/api/users/me/friends/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.DeleteAsync($"/api/users/me/friends/{_bob.UserId}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    private static async Task<JsonNode> FriendsOf(ApiClient client) =>
        await (await client.Http.GetAsync("/api/users/me/friends")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task ShouldHaveNothing(ApiClient client)
    {
        var list = await FriendsOf(client);
        Ids(list["friends"]).ShouldBeEmpty();
        Ids(list["incoming"]).ShouldBeEmpty();
        Ids(list["outgoing"]).ShouldBeEmpty();
    }

    private static void ShouldBeSummaryOf(JsonNode summary, ApiClient user, string displayName)
    {
        summary["id"]!.GetValue<string>().ShouldBe(user.UserId.ToString());
        summary["displayName"]!.GetValue<string>().ShouldBe(displayName);
        summary["avatarUrl"]!.GetValue<string>().ShouldBe($"/api/users/{user.UserId}/avatar");
        summary["status"]!.GetValue<string>().ShouldBe("offline");
    }

    private static List<Guid> Ids(JsonNode? list) => [.. list!.AsArray().Select(u => Guid.Parse(u!["id"]!.GetValue<string>()))];

    private static List<string> Names(JsonNode? list) => [.. list!.AsArray().Select(u => u!["displayName"]!.GetValue<string>())];
}
