using System.Net;
using System.Net.Http.Json;
using System.Text;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Users;

/// <summary>The users routes over real HTTP, on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class UsersApiTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Dev_login_creates_the_user_once_and_signs_them_in()
    {
        var first = await ApiClient.LoginAsync(_app, "jdoe");
        var again = await ApiClient.LoginAsync(_app, "jdoe");

        again.UserId.ShouldBe(first.UserId);
        var me = await (await first.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["id"]!.GetValue<string>().ShouldBe(first.UserId.ToString());
        me["login"]!.GetValue<string>().ShouldBe("jdoe");
        me["displayName"]!.GetValue<string>().ShouldBe("jdoe");
        me["avatarUrl"]!.GetValue<string>().ShouldBe($"/api/users/{first.UserId}/avatar");
        me["twoFactorEnabled"]!.GetValue<bool>().ShouldBeFalse();
        me["status"]!.GetValue<string>().ShouldBe("offline");
        me["stats"]!["rating"]!.GetValue<int>().ShouldBe(1000);
    }

    [Test]
    public async Task Ids_are_uuid_version_7()
    {
        var user = await ApiClient.LoginAsync(_app, "jdoe");

        user.UserId.Version.ShouldBe(7);
    }

    [Test]
    public async Task Dev_login_returns_tokens_and_times_in_utc()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "jdoe" });
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        body["accessToken"]!.GetValue<string>().Split('.').Length.ShouldBe(3);
        body["accessTokenExpiresAt"]!.GetValue<string>().ShouldBe("2026-11-24T10:15:00Z");
    }

    [Test]
    public async Task A_login_that_is_not_a_valid_display_name_gets_a_valid_one_made_unique()
    {
        var dotted = await ApiClient.LoginAsync(_app, "j.doe");
        var underscored = await ApiClient.LoginAsync(_app, "j_doe");

        var first = await (await dotted.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        var second = await (await underscored.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        first["displayName"]!.GetValue<string>().ShouldBe("j_doe");
        second["displayName"]!.GetValue<string>().ShouldBe("j_doe2");
    }

    [Test]
    public async Task Routes_other_than_login_need_a_token()
    {
        var anonymous = _app.CreateClient();

        await (await anonymous.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        await (await anonymous.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task An_expired_token_is_refused()
    {
        var user = await ApiClient.LoginAsync(_app, "jdoe");

        _app.Clock.Advance(TimeSpan.FromMinutes(16));

        await (await user.Http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task Renaming_takes_the_new_name_and_shows_it_to_others()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");

        var renamed = await (await alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "Queen-Alice" })).ReadJsonAsync(HttpStatusCode.OK);

        renamed["displayName"]!.GetValue<string>().ShouldBe("Queen-Alice");
        var seen = await (await bob.Http.GetAsync($"/api/users/{alice.UserId}")).ReadJsonAsync(HttpStatusCode.OK);
        seen["displayName"]!.GetValue<string>().ShouldBe("Queen-Alice");
        seen["status"]!.GetValue<string>().ShouldBe("offline");
        seen["stats"]!["wins"]!.GetValue<int>().ShouldBe(0);
        seen.AsObject().ContainsKey("twoFactorEnabled").ShouldBeFalse();
    }

    [Test]
    public async Task Renaming_to_a_name_taken_in_another_case_is_a_conflict_and_changes_nothing()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");

        await (await bob.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "ALICE" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.name_taken");

        var me = await (await bob.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["displayName"]!.GetValue<string>().ShouldBe("bob");
    }

    [Test]
    public async Task Renaming_to_ones_own_name_in_another_case_is_allowed()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");

        var renamed = await (await alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "ALICE" })).ReadJsonAsync(HttpStatusCode.OK);

        renamed["displayName"]!.GetValue<string>().ShouldBe("ALICE");
    }

    [TestCase("ab")]
    [TestCase("this-name-is-far-too-long")]
    [TestCase("has space")]
    [TestCase("émile")]
    [TestCase("")]
    public async Task An_invalid_display_name_is_a_validation_problem_naming_the_field(string name)
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");

        var problem = await (await alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = name }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["displayName"]!.AsArray().Count.ShouldBeGreaterThan(0);
        var me = await (await alice.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["displayName"]!.GetValue<string>().ShouldBe("alice");
    }

    [TestCase("{\"displayName\":", TestName = "Truncated JSON")]
    [TestCase("{\"displayName\": 42}", TestName = "A number where a string goes")]
    [TestCase("[1,2,3]", TestName = "An array where an object goes")]
    [TestCase("", TestName = "An empty body")]
    public async Task Malformed_bodies_are_a_400_problem_never_a_500(string body)
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");

        var response = await alice.Http.PatchAsync("/api/users/me", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task A_huge_body_is_refused_with_413()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var huge = $"{{\"displayName\":\"{new string('a', 200_000)}\"}}";

        var response = await alice.Http.PatchAsync("/api/users/me", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too_large");
    }

    [Test]
    public async Task An_unknown_user_is_a_404_with_its_code()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");

        await (await alice.Http.GetAsync($"/api/users/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [Test]
    public async Task Search_finds_by_login_or_display_name_in_any_case_ordered_and_limited()
    {
        var searcher = await ApiClient.LoginAsync(_app, "searcher");
        foreach (var login in new[] { "zed", "mike", "paul" })
        {
            await ApiClient.LoginAsync(_app, login);
        }

        var mike = await ApiClient.LoginAsync(_app, "mike");
        await mike.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "Zander" });

        var found = await (await searcher.Http.GetAsync("/api/users?search=Z")).ReadJsonAsync(HttpStatusCode.OK);
        found.AsArray().Select(u => u!["displayName"]!.GetValue<string>()).ShouldBe(["Zander", "zed"]);

        var limited = await (await searcher.Http.GetAsync("/api/users?limit=2")).ReadJsonAsync(HttpStatusCode.OK);
        limited.AsArray().Select(u => u!["displayName"]!.GetValue<string>()).ShouldBe(["paul", "searcher"]);
    }

    [TestCase("/api/users?limit=0")]
    [TestCase("/api/users?limit=101")]
    [TestCase("/api/users?limit=abc")]
    public async Task A_bad_search_limit_is_a_validation_problem(string url)
    {
        var searcher = await ApiClient.LoginAsync(_app, "searcher");

        await (await searcher.Http.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task Dev_login_validates_the_login()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem["errors"]!["login"].ShouldNotBeNull();
    }
}
