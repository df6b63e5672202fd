using System.Net;
using System.Text.Json.Nodes;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Blocks;

/// <summary>The block list routes over real HTTP, on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class BlocksApiTests(StorageProvider provider)
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
    public async Task A_block_is_listed_as_a_user_summary_for_the_blocker_only()
    {
        (await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var blocks = await BlocksOf(_alice);
        blocks.Count.ShouldBe(1);
        blocks[0]!["id"]!.GetValue<string>().ShouldBe(_bob.UserId.ToString());
        blocks[0]!["displayName"]!.GetValue<string>().ShouldBe("bob");
        blocks[0]!["avatarUrl"]!.GetValue<string>().ShouldBe($"/api/users/{_bob.UserId}/avatar");
        blocks[0]!["status"]!.GetValue<string>().ShouldBe("offline");
        (await BlocksOf(_bob)).ShouldBeEmpty();
    }

    [Test]
    public async Task Blocking_twice_is_idempotent()
    {
        await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null);

        (await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await BlocksOf(_alice)).Count.ShouldBe(1);
    }

    [Test]
    public async Task Unblocking_lifts_the_block_and_unblocking_again_is_harmless()
    {
        await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null);

        (await _alice.Http.DeleteAsync($"/api/users/me/blocks/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.Http.DeleteAsync($"/api/users/me/blocks/{_bob.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await BlocksOf(_alice)).ShouldBeEmpty();
        var sent = await (await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null)).ReadJsonAsync(HttpStatusCode.OK);
        sent["state"]!.GetValue<string>().ShouldBe("outgoing");
    }

    [Test]
    public async Task The_list_is_ordered_by_display_name()
    {
        var zed = await ApiClient.LoginAsync(_app, "zed");
        var carol = await ApiClient.LoginAsync(_app, "Carol");
        foreach (var other in new[] { zed, _bob, carol })
        {
            await _alice.Http.PutAsync($"/api/users/me/blocks/{other.UserId}", null);
        }

        (await BlocksOf(_alice)).Select(u => u!["displayName"]!.GetValue<string>()).ShouldBe(["bob", "Carol", "zed"]);
    }

    [Test]
    public async Task Blocking_ends_a_friendship_on_both_sides()
    {
        await _alice.Http.PutAsync($"/api/users/me/friends/{_bob.UserId}", null);
        await _bob.Http.PutAsync($"/api/users/me/friends/{_alice.UserId}", null);

        await _bob.Http.PutAsync($"/api/users/me/blocks/{_alice.UserId}", null);

        await ShouldHaveNoFriends(_alice);
        await ShouldHaveNoFriends(_bob);
    }

    [TestCase(true, TestName = "Blocking_the_user_one_asked_withdraws_the_request")]
    [TestCase(false, TestName = "Blocking_the_user_who_asked_removes_their_request")]
    public async Task Blocking_removes_a_pending_request_either_way(bool blockerAsked)
    {
        var (asker, asked) = blockerAsked ? (_alice, _bob) : (_bob, _alice);
        await asker.Http.PutAsync($"/api/users/me/friends/{asked.UserId}", null);

        await _alice.Http.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null);

        await ShouldHaveNoFriends(_alice);
        await ShouldHaveNoFriends(_bob);
    }

    [Test]
    public async Task Blocking_yourself_is_a_validation_problem_on_the_user_id()
    {
        var problem = await (await _alice.Http.PutAsync($"/api/users/me/blocks/{_alice.UserId}", null))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["userId"]!.AsArray().Count.ShouldBeGreaterThan(0);
        (await BlocksOf(_alice)).ShouldBeEmpty();
    }

    [Test]
    public async Task Unblocking_yourself_is_a_harmless_204()
    {
        (await _alice.Http.DeleteAsync($"/api/users/me/blocks/{_alice.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task An_unknown_user_is_a_404_on_put_and_delete()
    {
        var nobody = Guid.NewGuid();

        await (await _alice.Http.PutAsync($"/api/users/me/blocks/{nobody}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await _alice.Http.DeleteAsync($"/api/users/me/blocks/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        (await BlocksOf(_alice)).ShouldBeEmpty();
    }

    [TestCase("not-a-uuid")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    public async Task A_malformed_or_empty_id_is_a_validation_problem(string id)
    {
        await (await _alice.Http.PutAsync($"/api/users/me/blocks/{id}", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _alice.Http.DeleteAsync($"/api/users/me/blocks/{id}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task The_block_routes_need_a_token()
    {
        var anonymous = _app.CreateClient();

        await (await anonymous.GetAsync("/api/users/me/blocks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.PutAsync($"/api/users/me/blocks/{_bob.UserId}", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.DeleteAsync($"/api/users/me/blocks/{_bob.UserId}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    private static async Task<JsonArray> BlocksOf(ApiClient client) =>
        (await (await client.Http.GetAsync("/api/users/me/blocks")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

    private static async Task ShouldHaveNoFriends(ApiClient client)
    {
        var list = await (await client.Http.GetAsync("/api/users/me/friends")).ReadJsonAsync(HttpStatusCode.OK);
        list["friends"]!.AsArray().ShouldBeEmpty();
        list["incoming"]!.AsArray().ShouldBeEmpty();
        list["outgoing"]!.AsArray().ShouldBeEmpty();
    }
}
