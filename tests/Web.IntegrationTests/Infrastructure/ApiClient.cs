using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>An HTTP client signed in as one user, with helpers that read JSON the way a client would.</summary>
public sealed class ApiClient(HttpClient http, Guid userId, string accessToken)
{
    public HttpClient Http { get; } = http;

    public Guid UserId { get; } = userId;

    public string AccessToken { get; } = accessToken;

    /// <summary>Logs in through dev-login, creating the user on first use.</summary>
    public static Task<ApiClient> LoginAsync(TranscendenceApp app, string login) => LoginAsync(app.CreateClient(), login);

    /// <summary>
    /// Logs in through dev-login with <paramref name="http"/> (an in-process app, a real process, the proxy), which
    /// then carries the token.
    /// </summary>
    public static async Task<ApiClient> LoginAsync(HttpClient http, string login)
    {
        var response = await http.PostAsJsonAsync("/api/auth/dev-login", new { login });
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        var token = body["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, Guid.Parse(body["user"]!["id"]!.GetValue<string>()), token);
    }
}

public static class HttpAssertions
{
    /// <summary>Asserts the status and returns the body as JSON.</summary>
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"body: {text}");
        return JsonNode.Parse(text) ?? throw new JsonException("empty body");
    }

    /// <summary>Asserts a problem details answer with this status and code, and returns it.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ReadJsonAsync(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        body["code"]?.GetValue<string>().ShouldBe(code);
        body["status"]?.GetValue<int>().ShouldBe((int)status);
        return body;
    }
}
