using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Transcendence.LoadGenerator.Clients;

/// <summary>
/// A minimal SignalR JSON-protocol client over one WebSocket: handshake, invocations with completions,
/// events, keep-alive pings. It exists because the load generator shares the cores with the server: the
/// full .NET client (typed argument binding, handler dispatch through tasks) costs several times more per
/// received message, and at 100+ members the generator, not the server, set the pace. Events are parsed
/// once into a <see cref="JsonDocument"/> and handed to the handler on the receive loop.
/// </summary>
public sealed class RawHubConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Dictionary<string, Action<JsonElement>> _handlers = new(StringComparer.Ordinal);
    private readonly List<(byte[] Prefix, RecordHandler Handler)> _recordHandlers = [];
    private readonly CancellationTokenSource _stop = new();
    private long _invocationIds;
    private Task? _receiveLoop;
    private int _disposed;
    private string? _closeReason;
    private Task? _keepAlive;
    private int? _receiveBufferSize;
    private bool _ownSocket;
    private volatile TaskCompletionSource? _paused;

    /// <summary>This end's address (<see cref="UseOwnSocket"/> only): which TCP connection is ours in /proc/net/tcp.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Why the connection ended, as the server said it (a SignalR close message's error, or the WebSocket close status and description).</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Raised once when the connection ends other than by <see cref="DisposeAsync"/> (the server closed or dropped it).</summary>
    public event Action<Exception?>? Closed;

    /// <summary>Called with the first argument of every <paramref name="target"/> event. Register before <see cref="StartAsync"/>.</summary>
    public void On(string target, Action<JsonElement> handler) => _handlers[target] = handler;

    /// <summary>
    /// Called with the raw UTF-8 record of every <paramref name="target"/> event, unparsed: for the
    /// hottest events (fan-out deliveries), where even one <see cref="JsonDocument"/> per message shows.
    /// </summary>
    public void OnRecord(string target, RecordHandler handler) =>
        _recordHandlers.Add((Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{target}\""), handler));

    /// <summary>
    /// Connects through a socket of our own making (call before <see cref="StartAsync"/>): its local address is
    /// kept, and a <paramref name="receiveBufferSize"/> (SO_RCVBUF, set before connecting so the window is
    /// advertised from the start) bounds how much the kernel takes in for us when we stop reading.
    /// </summary>
    public void UseOwnSocket(int? receiveBufferSize)
    {
        _ownSocket = true;
        _receiveBufferSize = receiveBufferSize;
    }

    /// <summary>Stops reading the socket (it stays open and keeps sending pings): the kernel's buffers fill, then the server's writes wait.</summary>
    public void PauseReceiving() => _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads again: what the server sent meanwhile, then how it ended, if it did.</summary>
    public void ResumeReceiving() => Interlocked.Exchange(ref _paused, null)?.TrySetResult();

    public async Task StartAsync(Uri hubUrl, string? accessToken, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" };
        if (accessToken is not null)
        {
            builder.Query = $"access_token={Uri.EscapeDataString(accessToken)}";
        }

        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (_ownSocket)
        {
            using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = ConnectOwnSocketAsync });
            await _socket.ConnectAsync(builder.Uri, invoker, cancellationToken);
        }
        else
        {
            await _socket.ConnectAsync(builder.Uri, cancellationToken);
        }

        await SendRawAsync("{\"protocol\":\"json\",\"version\":1}"u8.ToArray(), cancellationToken);
        var handshake = new byte[1024];
        var received = await _socket.ReceiveAsync(handshake, cancellationToken);
        var reply = handshake.AsSpan(0, received.Count).TrimEnd(RecordSeparator);
        if (reply.IndexOf("error"u8) >= 0)
        {
            throw new InvalidOperationException($"handshake refused: {Encoding.UTF8.GetString(reply)}");
        }

        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        _keepAlive = Task.Run(KeepAliveAsync, CancellationToken.None);
    }

    private async ValueTask<Stream> ConnectOwnSocketAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (_receiveBufferSize is { } size)
            {
                socket.ReceiveBufferSize = size;
            }

            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            LocalEndPoint = socket.LocalEndPoint as IPEndPoint;
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Invokes a hub method and reads its result as <typeparamref name="T"/> (web JSON conventions).</summary>
    public async Task<T> InvokeAsync<T>(string target, params object?[] arguments) =>
        (await InvokeAsync(target, arguments)).Deserialize<T>(Json)!;

    /// <summary>Calls a hub method without waiting for (or asking for) a result, as SignalR's <c>SendAsync</c> does.</summary>
    public Task SendAsync(string target, params object?[] arguments) => SendRawAsync(Invocation(null, target, arguments), _stop.Token);

    /// <summary>Invokes a hub method; completes with its result (or throws its error) when the completion arrives.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _invocationIds);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            await SendRawAsync(Invocation(id, target, arguments), _stop.Token);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }

        return await completion.Task;
    }

    private static ReadOnlyMemory<byte> Invocation(long? id, string target, object?[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", 1);
            if (id is { } invocationId)
            {
                writer.WriteString("invocationId", invocationId.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteString("target", target);
            writer.WritePropertyName("arguments");
            JsonSerializer.Serialize(writer, arguments, Json);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private async Task SendRawAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(json.Length + 1);
        try
        {
            json.CopyTo(frame);
            frame[json.Length] = RecordSeparator;
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(frame.AsMemory(0, json.Length + 1), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var filled = 0;
        Exception? failure = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                if (_paused is { } paused)
                {
                    await paused.Task.WaitAsync(_stop.Token);
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closeReason ??= $"WebSocket close {(int?)_socket.CloseStatus} {_socket.CloseStatus} '{_socket.CloseStatusDescription}'";
                    break;
                }

                filled += result.Count;
                var start = 0;
                int separator;
                while (_paused is null && (separator = buffer.AsSpan(start, filled - start).IndexOf(RecordSeparator)) >= 0)
                {
                    Dispatch(buffer.AsMemory(start, separator));
                    start += separator + 1;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            failure = ex;
            if (Volatile.Read(ref _disposed) == 0)
            {
                _closeReason ??= $"dropped without a close: {ex.Message}";
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(failure ?? new WebSocketException("the connection closed"));
            }

            if (Volatile.Read(ref _disposed) == 0)
            {
                Closed?.Invoke(_closeReason is { } reason ? new InvalidOperationException(reason) : failure);
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> record)
    {
        // Matched on the prefix the server writes (type, then target), so a hot event costs no parsing.
        foreach (var (prefix, recordHandler) in _recordHandlers)
        {
            if (record.Span.StartsWith(prefix))
            {
                recordHandler(record.Span);
                return;
            }
        }

        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.TryGetProperty("target", out var target)
                        && _handlers.TryGetValue(target.GetString()!, out var handler):
                var arguments = root.GetProperty("arguments");
                handler(arguments.GetArrayLength() > 0 ? arguments[0] : default);
                break;
            case 3 when long.TryParse(root.GetProperty("invocationId").GetString(), CultureInfo.InvariantCulture, out var id)
                        && _pending.TryRemove(id, out var completion):
                if (root.TryGetProperty("error", out var error))
                {
                    completion.TrySetException(new InvalidOperationException(error.GetString()));
                }
                else
                {
                    completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                }

                break;
            case 7:
                _closeReason = root.TryGetProperty("error", out var reason) ? reason.GetString() : "the server closed the connection";
                _stop.Cancel();
                break;
        }
    }

    /// <summary>The server drops a client it has not heard from for 30 s: a ping every 10 s keeps idle members in.</summary>
    private async Task KeepAliveAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendRawAsync("{\"type\":6}"u8.ToArray(), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        foreach (var task in new[] { _receiveLoop, _keepAlive })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}

public delegate void RecordHandler(ReadOnlySpan<byte> record);

public static class RawHubConnections
{
    /// <summary>
    /// Opens one connection per token (null: anonymous), a few at a time; each gets <paramref name="configure"/>
    /// (its index) to register handlers before it starts.
    /// </summary>
    public static Task<RawHubConnection[]> StartManyAsync(
        Uri hubUrl,
        IReadOnlyList<string?> accessTokens,
        Action<int, RawHubConnection> configure,
        CancellationToken cancellationToken,
        int parallelism = 32) =>
        StartManyAsync(_ => hubUrl, accessTokens, configure, cancellationToken, parallelism);

    /// <summary>The same, connection i to <paramref name="hubUrlOf"/>(i) (an instance of a scaled-out system).</summary>
    public static async Task<RawHubConnection[]> StartManyAsync(
        Func<int, Uri> hubUrlOf,
        IReadOnlyList<string?> accessTokens,
        Action<int, RawHubConnection> configure,
        CancellationToken cancellationToken,
        int parallelism = 32)
    {
        var connections = new RawHubConnection[accessTokens.Count];
        await Parallel.ForAsync(0, accessTokens.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var connection = new RawHubConnection();
                configure(i, connection);
                await connection.StartAsync(hubUrlOf(i), accessTokens[i], token);
                connections[i] = connection;
            });
        return connections;
    }

    public static async Task DisposeManyAsync(IEnumerable<RawHubConnection?> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (connection, _) =>
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        });
}
