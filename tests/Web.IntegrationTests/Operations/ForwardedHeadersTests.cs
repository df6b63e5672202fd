using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>
/// Behind a reverse proxy (<c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>): the client address
/// and scheme the proxy forwards are believed only from a configured proxy, and not at all by default.
/// Requests reach the app over plain http from a chosen remote address, as from a proxy in front of it.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");

    private TranscendenceApp? _app;

    [TearDown]
    public async Task StopApp()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_auth_limit()
    {
        await StartAsync(new() { ["ForwardedHeaders:KnownProxies"] = Proxy.ToString() });
        using var proxy = ClientFrom(Proxy);

        (await DevLoginAsync(proxy, "a", forwardedFor: "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await DevLoginAsync(proxy, "b", forwardedFor: "203.0.113.1")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        (await DevLoginAsync(proxy, "c", forwardedFor: "203.0.113.2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_known_network_is_trusted_like_a_known_proxy()
    {
        await StartAsync(new() { ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/24" });
        using var proxy = ClientFrom(Proxy);

        (await DevLoginAsync(proxy, "a", forwardedFor: "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DevLoginAsync(proxy, "b", forwardedFor: "203.0.113.2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Without_configuration_forwarded_headers_are_ignored()
    {
        await StartAsync([]);
        using var client = ClientFrom(Proxy);

        (await DevLoginAsync(client, "a", forwardedFor: "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await DevLoginAsync(client, "b", forwardedFor: "203.0.113.2")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Test]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await StartAsync(new() { ["ForwardedHeaders:KnownProxies"] = Proxy.ToString() });
        using var stranger = ClientFrom(Stranger);

        (await DevLoginAsync(stranger, "a", forwardedFor: "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await DevLoginAsync(stranger, "b", forwardedFor: "203.0.113.2")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Test]
    public async Task The_oauth_redirect_uri_takes_the_scheme_and_host_the_known_proxy_forwards()
    {
        await StartAsync(new(OAuthSettings) { ["ForwardedHeaders:KnownProxies"] = Proxy.ToString() });
        using var proxy = ClientFrom(Proxy);

        var redirectUri = await OAuthRedirectUriAsync(proxy, proto: "https", host: "pong.example.org");

        redirectUri.ShouldBe("https://pong.example.org/api/auth/callback");
    }

    [Test]
    public async Task Without_configuration_the_oauth_redirect_uri_is_what_the_app_itself_sees()
    {
        await StartAsync(new(OAuthSettings));
        using var client = ClientFrom(Proxy);

        var redirectUri = await OAuthRedirectUriAsync(client, proto: "https", host: "pong.example.org");

        redirectUri.ShouldBe("http://localhost/api/auth/callback");
    }

    private static Dictionary<string, string?> OAuthSettings => new()
    {
        ["Auth:OAuth:ClientId"] = "client",
        ["Auth:OAuth:ClientSecret"] = "secret",
        ["Auth:OAuth:AuthorizationEndpoint"] = "https://provider.example/oauth/authorize",
    };

    private async Task StartAsync(Dictionary<string, string?> settings)
    {
        settings["Auth:RateLimits:DevLogin:PermitLimit"] = "1";
        _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: settings);
    }

    /// <summary>A client whose requests arrive from <paramref name="remote"/> over http.</summary>
    private HttpClient ClientFrom(IPAddress remote) =>
        new(_app!.Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote)) { BaseAddress = new Uri("http://localhost") };

    private static Task<HttpResponseMessage> DevLoginAsync(HttpClient client, string login, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/dev-login") { Content = JsonContent.Create(new { login }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private static async Task<string> OAuthRedirectUriAsync(HttpClient client, string proto, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/login");
        request.Headers.Add("X-Forwarded-For", "203.0.113.1");
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", host);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["redirect_uri"].ToString();
    }
}
