using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Transcendence.LoadGenerator.Clients;

/// <summary>A signed-in bench user: who they are and the bearer token their requests and hubs carry.</summary>
public sealed record BenchUser(Guid Id, string Login, string AccessToken);

/// <summary>The few HTTP calls the scenarios need to set a system up: users, channels, membership.</summary>
public sealed class TranscendenceApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => baseAddress;

    /// <summary>Signs in (creating them) <paramref name="count"/> users named <c>{prefix}{i}</c>, a few at a time.</summary>
    public async Task<BenchUser[]> SignInManyAsync(string prefix, int count, CancellationToken ct, int parallelism = 16)
    {
        var users = new BenchUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) => users[i] = await SignInAsync($"{prefix}{i}", token));
        return users;
    }

    public async Task<BenchUser> SignInAsync(string login, CancellationToken ct)
    {
        using var response = await SendRetryingAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/dev-login") { Content = JsonContent.Create(new { login }) }, ct);
        await EnsureSuccessAsync(response, "dev-login", ct);
        var tokens = await response.Content.ReadFromJsonAsync<TokensResponse>(ct) ?? throw new InvalidOperationException("dev-login returned nothing");
        return new BenchUser(tokens.User.Id, login, tokens.AccessToken);
    }

    public async Task<Guid> CreatePublicChannelAsync(BenchUser owner, string name, CancellationToken ct)
    {
        using var response = await SendRetryingAsync(() =>
        {
            var request = Authorized(HttpMethod.Post, "/api/channels", owner);
            request.Content = JsonContent.Create(new { name, visibility = "public" });
            return request;
        }, ct);
        await EnsureSuccessAsync(response, "create channel", ct);
        var created = await response.Content.ReadFromJsonAsync<IdResponse>(ct) ?? throw new InvalidOperationException("create channel returned nothing");
        return created.Id;
    }

    public async Task JoinManyAsync(Guid channelId, IEnumerable<BenchUser> users, CancellationToken ct, int parallelism = 16) =>
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (user, token) =>
        {
            using var response = await SendRetryingAsync(() =>
            {
                var request = Authorized(HttpMethod.Post, $"/api/channels/{channelId}/join", user);
                request.Content = JsonContent.Create(new { });
                return request;
            }, token);
            await EnsureSuccessAsync(response, "join channel", token);
        });

    public static HttpRequestMessage Authorized(HttpMethod method, string path, BenchUser user)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => await _http.SendAsync(request, ct);

    /// <summary>
    /// A set-up call, sent again (a few times, after its Retry-After or a second) while the app answers 503: on a busy
    /// machine the store may be briefly unavailable, and a scenario should not die of it before it measures anything.
    /// </summary>
    private async Task<HttpResponseMessage> SendRetryingAsync(Func<HttpRequestMessage> makeRequest, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = makeRequest();
            var response = await _http.SendAsync(request, ct);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, ct);
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record TokensResponse(string AccessToken, UserResponse User);

    private sealed record UserResponse(Guid Id);

    private sealed record IdResponse(Guid Id);
}
