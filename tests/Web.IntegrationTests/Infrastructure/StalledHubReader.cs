using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// A chat or game hub connection over a real socket (the app on Kestrel) that stops reading after its set-up,
/// as a client on a stalled network or a frozen tab does: what the server sends piles up in the socket's small
/// receive buffer and then in the server's buffers. <see cref="ReadUntilClosedAsync"/> reads again.
/// </summary>
public sealed class StalledHubReader : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;

    private StalledHubReader(ClientWebSocket socket, HttpMessageInvoker invoker)
    {
        _socket = socket;
        _invoker = invoker;
    }

    /// <summary>Connects, completes SignalR's handshake and one round trip (so the hub's set-up is done), then reads no more.</summary>
    public static Task<StalledHubReader> ConnectAsync(TranscendenceApp app, ApiClient user, string path) =>
        ConnectAsync(app.BaseAddress, user.AccessToken, path);

    /// <summary>The same against a server at <paramref name="baseAddress"/> (an app process).</summary>
    public static async Task<StalledHubReader> ConnectAsync(Uri baseAddress, string accessToken, string path)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                // A small receive window: the socket takes little before the server has to hold on to what it sends.
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var invoker = new HttpMessageInvoker(handler);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var uri = new UriBuilder(new Uri(baseAddress, path)) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        await socket.ConnectAsync(uri, invoker, CancellationToken.None);
        var reader = new StalledHubReader(socket, invoker);
        await reader.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await reader.ReadUntilAsync("{}", TimeSpan.FromSeconds(10));
        // Invocations are handled only once OnConnectedAsync is done: an answer to one proves it.
        await reader.SendAsync("{\"type\":1,\"invocationId\":\"setup\",\"target\":\"NoSuchMethod\",\"arguments\":[]}");
        await reader.ReadUntilAsync("\"invocationId\":\"setup\"", TimeSpan.FromSeconds(10));
        return reader;
    }

    /// <summary>Reads again, everything the server sent, until it closes the connection; returns all the text read.</summary>
    public async Task<string> ReadUntilClosedAsync(TimeSpan wait)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(wait);
        var buffer = new byte[64 * 1024];
        int? closeAt = null;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return text.ToString();
                }

                var chunk = Encoding.UTF8.GetString(buffer, 0, result.Count);
                // SignalR's close message ends the conversation even if the socket is slow to follow. Only the
                // new text is searched: the server gives a closed connection a few seconds to drain. The close
                // message may come in two pieces: it is whole once its record separator has come too.
                var seam = text.Length < 16 ? text.ToString() : text.ToString(text.Length - 16, 16);
                text.Append(chunk);
                closeAt ??= (seam + chunk).IndexOf("{\"type\":7", StringComparison.Ordinal) is >= 0 and var at ? text.Length - chunk.Length - seam.Length + at : null;
                if (closeAt is { } start && text.ToString(start, text.Length - start).Contains(RecordSeparator, StringComparison.Ordinal))
                {
                    return text.ToString();
                }
            }
        }
        catch (WebSocketException ex)
        {
            return text.Append($"[{ex.Message}]").ToString();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the server had not closed the connection after {wait.TotalSeconds} s; read: {Tail(text)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        await Task.CompletedTask;
    }

    private static string Tail(StringBuilder text) => text.Length <= 300 ? text.ToString() : text.ToString(text.Length - 300, 300);

    private Task SendAsync(string record) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task ReadUntilAsync(string marker, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
