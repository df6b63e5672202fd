using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// A small but real OAuth2 authorization server on Kestrel at 127.0.0.1 (a free port), shaped like the
/// 42 intranet: <c>/oauth/authorize</c> redirects back with a code and the state, <c>/oauth/token</c>
/// checks the client, the code, the redirect URI and the PKCE verifier, <c>/v2/me</c> answers the user
/// for a token it issued. Switches make it deny consent or refuse the code; stopping it makes it unreachable.
/// </summary>
public sealed class FakeOAuthProvider : IAsyncDisposable
{
    public const string ClientId = "transcendence-test-client";
    public const string ClientSecret = "transcendence-test-secret";

    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _accessTokens = new();
    private WebApplication? _app;

    private FakeOAuthProvider()
    {
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The user the provider vouches for (<c>/v2/me</c>).</summary>
    public JsonObject User { get; set; } = MakeUser(4242, "marvin");

    /// <summary>The user declines: authorize redirects back with <c>error=access_denied</c>.</summary>
    public bool DenyConsent { get; set; }

    /// <summary>The token endpoint refuses every code (<c>invalid_grant</c>).</summary>
    public bool FailTokenExchange { get; set; }

    /// <summary>The token endpoint answers 500 with an HTML page: a provider in trouble, not an OAuth refusal.</summary>
    public bool TokenEndpointBroken { get; set; }

    /// <summary>The query of the last authorization request.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorization { get; private set; } = new Dictionary<string, string>();

    /// <summary>How many codes were exchanged with a verifier matching their PKCE challenge.</summary>
    public int PkceVerifiedExchanges => _pkceVerified;

    private int _pkceVerified;

    /// <summary>The app settings that point the OAuth handler here.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Auth:OAuth:ClientId"] = ClientId,
        ["Auth:OAuth:ClientSecret"] = ClientSecret,
        ["Auth:OAuth:AuthorizationEndpoint"] = new Uri(BaseUri, "/oauth/authorize").ToString(),
        ["Auth:OAuth:TokenEndpoint"] = new Uri(BaseUri, "/oauth/token").ToString(),
        ["Auth:OAuth:UserInformationEndpoint"] = new Uri(BaseUri, "/v2/me").ToString(),
    };

    public static JsonObject MakeUser(long id, string login) => new()
    {
        ["id"] = id,
        ["login"] = login,
        ["email"] = $"{login}@student.42.fr",
        ["image"] = new JsonObject { ["link"] = $"https://cdn.intra.42.fr/users/{login}.jpg" },
    };

    public static async Task<FakeOAuthProvider> StartAsync()
    {
        var provider = new FakeOAuthProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "FakeOAuthProvider" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/oauth/authorize", provider.Authorize);
        app.MapPost("/oauth/token", provider.ExchangeCodeAsync);
        app.MapGet("/v2/me", provider.Me);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.BaseUri = new Uri(address);
        provider._app = app;
        return provider;
    }

    /// <summary>The provider goes down: its port refuses connections from now on.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        LastAuthorization = query;
        if (query.GetValueOrDefault("client_id") != ClientId || query.GetValueOrDefault("response_type") != "code"
            || !query.TryGetValue("redirect_uri", out var redirectUri) || !query.TryGetValue("state", out var state))
        {
            return Results.BadRequest("invalid_request");
        }

        if (DenyConsent)
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
            {
                ["error"] = "access_denied",
                ["error_description"] = "The resource owner or authorization server denied the request.",
                ["state"] = state,
            }));
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(redirectUri, query.GetValueOrDefault("code_challenge"), query.GetValueOrDefault("code_challenge_method"));
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = state }));
    }

    private async Task<IResult> ExchangeCodeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (TokenEndpointBroken)
        {
            return Results.Content("<html><body>Internal Server Error</body></html>", "text/html", statusCode: StatusCodes.Status500InternalServerError);
        }

        if (FailTokenExchange)
        {
            return Refuse("invalid_grant", "the code was refused");
        }

        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
        {
            return Refuse("invalid_grant", "unknown code or redirect URI");
        }

        var verifier = form["code_verifier"].ToString();
        var expected = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (grant.ChallengeMethod != "S256" || string.IsNullOrEmpty(verifier) || grant.Challenge != expected)
        {
            return Refuse("invalid_grant", "PKCE verification failed");
        }

        Interlocked.Increment(ref _pkceVerified);
        var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = true;
        return Results.Json(new { access_token = accessToken, token_type = "bearer", expires_in = 7200, scope = "public" });
    }

    private IResult Me(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.ContainsKey(header["Bearer ".Length..])
            ? Results.Content(User.ToJsonString(), "application/json")
            : Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private sealed record Grant(string RedirectUri, string? Challenge, string? ChallengeMethod);
}
