using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The app serves the browser client (built into wwwroot by src/Web's MSBuild target) without hiding its API's 404s.</summary>
public sealed class ClientHostingTests
{
    private TranscendenceApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/")]
    [TestCase("/chat")]
    [TestCase("/game/0193a3f0-0000-7000-8000-000000000001")]
    [TestCase("/users/0193a3f0-0000-7000-8000-000000000001")]
    [TestCase("/apis-are-not-this")]
    public async Task The_client_s_page_answers_its_own_routes(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"/main.js\"></script>");
    }

    [Test]
    public async Task The_bundle_is_served_with_its_content_type()
    {
        var script = await _client.GetAsync("/main.js");
        var style = await _client.GetAsync("/app.css");

        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        style.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
    }

    [TestCase("/api/nope")]
    [TestCase("/api/users/me/nothing-here")]
    [TestCase("/hubs/nope")]
    [TestCase("/health/nope")]
    [TestCase("/missing.js")]
    public async Task Unknown_server_paths_and_files_keep_their_404_problem_details(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["code"]!.GetValue<string>().ShouldBe("not_found");
    }

    [Test]
    public async Task Other_methods_keep_their_answers_outside_the_client_s_routes()
    {
        (await _client.PostAsync("/chat", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.PostAsync("/api/nope", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.PutAsync("/api/users/me", null)).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await _client.GetAsync("/api/auth/logout")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }
}

/// <summary><c>Cors:AllowedOrigins</c>: front ends served elsewhere (a Vite dev server) may call the API and hubs.</summary>
public sealed class CorsTests
{
    private const string DevServer = "http://localhost:5173";

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    [TestCase("/api/channels")]
    [TestCase("/hubs/chat/negotiate")]
    public async Task A_listed_origin_may_call_with_credentials(string path)
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory,
            settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = $"{DevServer}, https://front.example" });
        var client = app.CreateClient();

        var response = await client.SendAsync(Preflight(path, DevServer));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([DevServer]);
        response.Headers.GetValues("Access-Control-Allow-Credentials").ShouldBe(["true"]);
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("authorization", Case.Insensitive);
    }

    [Test]
    public async Task An_unlisted_origin_gets_no_permission()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory,
            settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = DevServer });
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "http://evil.example");

        var preflight = await client.SendAsync(Preflight("/api/channels", "http://evil.example"));
        var simple = await client.SendAsync(request);

        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        simple.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Test]
    public async Task Without_configuration_no_origin_gets_permission()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", DevServer);

        var preflight = await client.SendAsync(Preflight("/api/channels", DevServer));
        var simple = await client.SendAsync(request);

        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        simple.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
