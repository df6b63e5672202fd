using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// A real SignalR client (WebSockets through the test server) for one user's connection, recording every
/// event it receives so a test can wait for the next one of a kind, or prove none came.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Channel<JsonNode>> _events = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        // Watched from before the start: a server may close a connection right after its handshake.
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the connection closes, with the error the client was given (null for none).</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>
    /// Connects to <paramref name="path"/> as <paramref name="user"/>, listening for <paramref name="eventNames"/>,
    /// and waits until the server has set the connection up. SignalR answers the handshake (when the
    /// client's start returns) before the hub's <c>OnConnectedAsync</c> has run, and an event sent in
    /// between is lost; invocations are handled only after it, so one refused invocation proves it done.
    /// </summary>
    public static async Task<HubClient> ConnectAsync(TranscendenceApp app, ApiClient user, string path, params string[] eventNames)
    {
        var client = await OpenAsync(app, user, path, eventNames);
        await Should.ThrowAsync<HubException>(() => client.Connection.InvokeAsync("NoSuchMethod"));
        return client;
    }

    /// <summary>
    /// Connects to a real server at <paramref name="baseAddress"/> (an app process) with <paramref name="accessToken"/>,
    /// and waits until the server has set the connection up, as <see cref="ConnectAsync(TranscendenceApp, ApiClient, string, string[])"/>.
    /// </summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string accessToken, string path, params string[] eventNames)
    {
        var client = await OpenAsync(baseAddress, accessToken, path, eventNames);
        await Should.ThrowAsync<HubException>(() => client.Connection.InvokeAsync("NoSuchMethod"));
        return client;
    }

    /// <summary>Connects to a real server at <paramref name="baseAddress"/> and returns as soon as the client's start does (the handshake).</summary>
    public static Task<HubClient> OpenAsync(Uri baseAddress, string accessToken, string path, params string[] eventNames)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        return StartAsync(connection, eventNames);
    }

    /// <summary>Connects and returns as soon as the client's start does (the handshake), as a real client would.</summary>
    public static async Task<HubClient> OpenAsync(TranscendenceApp app, ApiClient user, string path, params string[] eventNames)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.IsRealServer ? app.BaseAddress : app.Server.BaseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
                if (app.IsRealServer)
                {
                    // Over a real socket the client sends the token itself (an Authorization header).
                    return;
                }

                var server = app.Server;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                // Browsers put the token in the query string on WebSockets; do as they do.
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var uri = new UriBuilder(context.Uri) { Query = $"access_token={Uri.EscapeDataString(user.AccessToken)}" }.Uri;
                    return await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                };
            })
            .Build();

        return await StartAsync(connection, eventNames);
    }

    private static async Task<HubClient> StartAsync(HubConnection connection, string[] eventNames)
    {
        var client = new HubClient(connection);
        foreach (var name in eventNames)
        {
            var queue = client.Queue(name);
            connection.On<JsonElement>(name, payload => queue.Writer.TryWrite(JsonNode.Parse(payload.GetRawText())!));
        }

        await connection.StartAsync();
        return client;
    }

    /// <summary>The next event of that name (waiting up to 10 s), optionally the next one that matches.</summary>
    public async Task<JsonNode> NextAsync(string eventName, Func<JsonNode, bool>? matching = null, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            while (true)
            {
                var next = await Queue(eventName).Reader.ReadAsync(timeout.Token);
                if (matching is null || matching(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {eventName} event arrived within {(wait ?? DefaultWait).TotalSeconds} s");
        }
    }

    /// <summary>Waits (up to <paramref name="wait"/>, default 10 s) for the connection to close; returns its error.</summary>
    public async Task<Exception?> ClosedWithinAsync(TimeSpan? wait = null)
    {
        try
        {
            return await Closed.WaitAsync(wait ?? DefaultWait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the connection was still {Connection.State} after {(wait ?? DefaultWait).TotalSeconds} s");
        }
    }

    /// <summary>Proves no event of that name (matching) arrives within a short window.</summary>
    public async Task ShouldReceiveNoneAsync(string eventName, Func<JsonNode, bool>? matching = null, TimeSpan? window = null)
    {
        try
        {
            var unexpected = await NextAsync(eventName, matching, window ?? TimeSpan.FromMilliseconds(500));
            Assert.Fail($"unexpected {eventName}: {unexpected.ToJsonString()}");
        }
        catch (TimeoutException)
        {
            // Nothing came: as it should be.
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private Channel<JsonNode> Queue(string eventName) =>
        _events.GetOrAdd(eventName, _ => Channel.CreateUnbounded<JsonNode>());
}
