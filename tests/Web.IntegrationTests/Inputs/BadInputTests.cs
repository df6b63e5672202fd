using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Inputs;

/// <summary>Inputs no client should send get a coded 4xx and change nothing, alike on both stores.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class BadInputTests(StorageProvider provider)
{
    private TranscendenceApp _app = null!;
    private ApiClient _alice = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider);
        _alice = await ApiClient.LoginAsync(_app, "alice");
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    private static StringContent Json(string json, string charset) =>
        new(json, Encoding.UTF8) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"application/json; charset={charset}") } };

    [TestCase("POST", "/api/auth/dev-login", """{"login":"bob"}""")]
    [TestCase("PATCH", "/api/users/me", """{"displayName":"Alice2"}""")]
    [TestCase("POST", "/api/channels", """{"name":"lounge","visibility":"public"}""")]
    [TestCase("PATCH", "/api/users/me", """{"displayName":"Alice2"}""", "\"utf-8\"")]
    public async Task A_charset_nobody_can_read_is_a_415_problem(string method, string path, string json, string charset = "nonsense")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(json, charset) };

        var response = await _alice.Http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task A_utf8_charset_in_any_case_is_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/users/me") { Content = Json("""{"displayName":"Alice2"}""", "UTF-8") };

        (await (await _alice.Http.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK))["displayName"]!.GetValue<string>().ShouldBe("Alice2");
    }

    [Test]
    public async Task A_nul_in_a_body_is_a_validation_problem_and_changes_nothing()
    {
        var rename = await _alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "ali\0ce" });
        (await rename.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))["errors"]!["displayName"].ShouldNotBeNull();

        var login = await _app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "bo\0b" });
        (await login.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))["errors"]!["login"].ShouldNotBeNull();

        var me = await (await _alice.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["displayName"]!.GetValue<string>().ShouldBe("alice");
    }

    [TestCase("/api/users?search=%00")]
    [TestCase("/api/channels?search=a%00b")]
    public async Task A_nul_in_a_query_string_is_a_validation_problem(string path)
    {
        var problem = await (await _alice.Http.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["search"].ShouldNotBeNull();
    }

    [Test]
    public async Task A_nul_in_a_hub_message_is_refused_and_nothing_is_stored()
    {
        var channelId = await _alice.CreateChannelAsync("lounge");
        await using var hub = await _app.ConnectChatAsync(_alice);

        var refusal = await Should.ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => hub.Connection.InvokeAsync<object>("SendMessage", channelId, "hi\0there", "c1"));

        refusal.Message.ShouldContain("validation: Text:");
        (await _alice.HistoryAsync(channelId)).Count.ShouldBe(0);
    }

    [Test]
    public async Task A_nul_in_a_channel_name_is_a_validation_problem()
    {
        var response = await _alice.Http.PostAsJsonAsync("/api/channels", new { name = "lou\0nge", visibility = "public" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))["errors"]!["name"].ShouldNotBeNull();
    }
}
