using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using OtpNet;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// A browser, as far as a login goes: it follows no redirect by itself (the test walks each hop) and keeps
/// cookies in a <see cref="CookieJar"/>. It talks to the app over https://localhost (the app's cookies are
/// Secure) and to anything else, such as the OAuth provider, over the network.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly Uri AppOrigin = new("https://localhost");

    private readonly HttpClient _outside = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public Browser(TranscendenceApp app)
    {
        App = app.CreateDefaultClient(AppOrigin, Cookies);
    }

    public CookieJar Cookies { get; } = new();

    /// <summary>A client for the app that carries this browser's cookies.</summary>
    public HttpClient App { get; }

    /// <summary>Goes to <paramref name="location"/>: the app for its own origin or a relative URL, the network otherwise.</summary>
    public Task<HttpResponseMessage> GetAsync(Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(AppOrigin, location);
        return absolute.Host == AppOrigin.Host ? App.GetAsync(absolute) : _outside.GetAsync(absolute);
    }

    public Task<HttpResponseMessage> GetAsync(string location) => GetAsync(new Uri(location, UriKind.RelativeOrAbsolute));

    /// <summary>
    /// The whole dance: <c>/api/auth/login</c> → the provider → <c>/api/auth/callback</c> →
    /// <c>/api/auth/login/complete</c>. Returns the last answer (the redirect to returnUrl on success, or
    /// the first answer that is not a redirect).
    /// </summary>
    public async Task<HttpResponseMessage> LogInThroughProviderAsync(string? returnUrl = null)
    {
        var response = await App.GetAsync(returnUrl is null ? "/api/auth/login" : $"/api/auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        for (var hop = 0; hop < 3 && response.StatusCode == HttpStatusCode.Found; hop++)
        {
            response = await GetAsync(response.Headers.Location!);
        }

        return response;
    }

    public void Dispose()
    {
        App.Dispose();
        _outside.Dispose();
        Cookies.Dispose();
    }
}

/// <summary>
/// Cookies by name, sent where their path applies. Unlike <see cref="CookieContainer"/> it ignores
/// expiry dates: the app writes them by its fake clock, which is not the test machine's. A cookie set
/// with an expiry in 1970 (how ASP.NET Core deletes one) is removed.
/// </summary>
public sealed class CookieJar : DelegatingHandler
{
    private static readonly DateTimeOffset DeletionMark = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, SetCookieHeaderValue> _cookies = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie of the last response, as sent.</summary>
    public IReadOnlyList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public string? this[string name] => _cookies.TryGetValue(name, out var cookie) ? cookie.Value.ToString() : null;

    public void Remove(string name) => _cookies.Remove(name);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var sent = _cookies.Values
            .Where(cookie => path.StartsWith(cookie.Path.HasValue ? cookie.Path.Value! : "/", StringComparison.Ordinal))
            .Select(cookie => $"{cookie.Name}={cookie.Value}")
            .ToList();
        if (sent.Count > 0)
        {
            request.Headers.Add(HeaderNames.Cookie, string.Join("; ", sent));
        }

        var response = await base.SendAsync(request, cancellationToken);
        LastSetCookies = response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? [.. SetCookieHeaderValue.ParseList([.. values])]
            : [];
        foreach (var cookie in LastSetCookies)
        {
            if (cookie.Expires < DeletionMark)
            {
                _cookies.Remove(cookie.Name.Value!);
            }
            else
            {
                _cookies[cookie.Name.Value!] = cookie;
            }
        }

        return response;
    }
}

/// <summary>What an authenticator app would show, and dev-login for tests that need its raw answer.</summary>
public static class AuthTestHelpers
{
    public static string TotpCode(string secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    public static async Task<JsonNode> DevLoginAsync(HttpClient http, string login) =>
        await (await http.PostAsJsonAsync("/api/auth/dev-login", new { login })).ReadJsonAsync(HttpStatusCode.OK);
}
