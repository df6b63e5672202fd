using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.Http;

/// <summary>One system under the HTTP scenario: its process, the two URLs that stand for the two routes, and the headers wrk sends.</summary>
public sealed record HttpTarget(string Name, ServerProcess Server, Uri UserUrl, Uri MessagesUrl, IReadOnlyList<string> Headers, bool IsFloor)
{
    public Uri Url(string route) => route == HttpRoutes.User ? UserUrl : MessagesUrl;
}

public static class HttpRoutes
{
    public const string User = "GET /api/users/{id}";
    public const string Messages = "GET /api/channels/{id}/messages";
}

/// <summary>What a seeded app holds: the reader (a member, with a token), the profile to read, the channel with its history.</summary>
public sealed record HttpSeed(BenchUser Reader, Guid ProfileId, Guid ChannelId)
{
    /// <summary>
    /// Through the app's own API: a reader, a profile user and <paramref name="senders"/> senders signed in;
    /// the reader makes a public channel, the others join; the senders say <paramref name="messages"/> things
    /// over the chat hub, so the default page is full and carries several senders' names.
    /// </summary>
    public static async Task<HttpSeed> CreateAsync(Uri baseAddress, int senders, int messages, CancellationToken ct)
    {
        using var api = new TranscendenceApi(baseAddress);
        var reader = await api.SignInAsync("reader", ct);
        var profile = await api.SignInAsync("profile", ct);
        var talkers = await api.SignInManyAsync("sender", senders, ct);
        var channel = await api.CreatePublicChannelAsync(reader, "history", ct);
        await api.JoinManyAsync(channel, [profile, .. talkers], ct);

        var connections = talkers.Select(t => HubConnections.Build(baseAddress, "/hubs/chat", t.AccessToken)).ToList();
        try
        {
            await HubConnections.StartManyAsync(connections, ct);
            await Parallel.ForAsync(0, messages, new ParallelOptions { MaxDegreeOfParallelism = senders, CancellationToken = ct }, async (i, token) =>
                await connections[i % senders].InvokeAsync<JsonElement>(
                    "SendMessage", channel, $"history message {i}: the quick brown fox jumps over the lazy dog", $"seed-{i}", token));
        }
        finally
        {
            await HubConnections.DisposeManyAsync(connections);
        }

        return new HttpSeed(reader, profile.Id, channel);
    }
}

public static class HttpProbe
{
    /// <summary>One request before measuring: the route answers 200 (and how big its body is), so wrk never measures error pages.</summary>
    public static async Task<(int Bytes, int Items)> CheckAsync(Uri url, IReadOnlyList<string> headers, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (System.Text.Encoding.UTF8.GetByteCount(body), json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.GetArrayLength() : 1);
    }

    public static string Bearer(string token) => $"Authorization: {new AuthenticationHeaderValue("Bearer", token)}";
}
