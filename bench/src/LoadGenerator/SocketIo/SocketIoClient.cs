using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Transcendence.LoadGenerator.SocketIo;

/// <summary>
/// A minimal Socket.IO v5 / Engine.IO v4 client over one raw WebSocket (no polling, no upgrade,
/// default namespace only, no binary attachments). Built for many connections in one process:
/// one receive loop per connection over a pooled buffer, one JSON parse per frame, one writer
/// at a time.
/// </summary>
/// <remarks>
/// Event handlers run on the receive loop and must not block. The <see cref="JsonElement"/> a
/// handler gets is valid only for the duration of the call (it reads the connection's reused
/// receive buffer); call <see cref="JsonElement.Clone"/> to keep it. Ack results returned by
/// <see cref="EmitWithAckAsync"/> are already standalone copies.
/// </remarks>
public sealed class SocketIoClient : IAsyncDisposable
{
    private const int InitialReceiveBufferSize = 4096;
    private const int MaxMessageSize = 64 * 1024 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);
    private static readonly ReadOnlyMemory<byte> PongPacket = "3"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> ConnectPacket = "40"u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(512);
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pendingAcks = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _handlersLock = new();
    private volatile HandlerEntry[] _handlers = [];
    private Task _receiveLoop = Task.CompletedTask;
    private Timer? _heartbeatTimer;
    private long _heartbeatLimitMs;
    private long _lastReceiveTicks;
    private int _nextAckId;
    private int _closed;
    private int _disposed;
    private Exception? _closeError;
    private volatile Exception? _heartbeatError;

    private SocketIoClient()
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // Engine.IO runs its own ping/pong.
        _jsonWriter = new Utf8JsonWriter(_sendBuffer);
    }

    /// <summary>The socket.io session id the server assigned on connect.</summary>
    public string? Sid { get; private set; }

    /// <summary>The Engine.IO ping interval the server announced in its open packet.</summary>
    public TimeSpan PingInterval { get; private set; }

    /// <summary>
    /// Completes when the connection ends: successfully on a clean close (server close or
    /// <see cref="DisposeAsync"/>), faulted with the cause otherwise (I/O error, ping timeout,
    /// a handler that threw).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Opens the WebSocket and connects to the default namespace.</summary>
    /// <param name="serverBase">The server's base address, e.g. <c>http://127.0.0.1:3000</c>.</param>
    public static async Task<SocketIoClient> ConnectAsync(Uri serverBase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(serverBase);
        var client = new SocketIoClient();
        try
        {
            await client._socket.ConnectAsync(BuildEndpoint(serverBase), ct).ConfigureAwait(false);
            client._receiveLoop = client.ReceiveLoopAsync();
            await client._connected.Task.WaitAsync(ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Registers a handler for an incoming event; <paramref name="handler"/> gets the event's first
    /// argument (<c>default</c> when it has none). Runs on the receive loop: must not block, and the
    /// element is valid only during the call. A handler that throws ends the connection.
    /// </summary>
    public void On(string eventName, Action<JsonElement> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(handler);
        var entry = new HandlerEntry(Encoding.UTF8.GetBytes(eventName), handler);
        lock (_handlersLock)
        {
            _handlers = [.. _handlers, entry];
        }
    }

    /// <summary>Emits an event without asking for an ack: <c>42["event",payload]</c>.</summary>
    public Task EmitAsync(string eventName, object? payload, CancellationToken ct) =>
        SendEventAsync(eventName, payload, ackId: -1, ct).AsTask();

    /// <summary>
    /// Emits an event asking for an ack (<c>42id["event",payload]</c>) and returns the ack's first
    /// argument (<c>default</c> when it has none). Fails with <see cref="SocketIoException"/> if the
    /// connection ends first. The payload is serialized with web defaults (camelCase names).
    /// </summary>
    public async Task<JsonElement> EmitWithAckAsync(string eventName, object payload, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ThrowIfClosed();
        int id = Interlocked.Increment(ref _nextAckId) & int.MaxValue;
        var ack = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[id] = ack;
        try
        {
            // Shutdown sets _closed before draining _pendingAcks: either it sees this entry or we see the flag.
            ThrowIfClosed();
            await SendEventAsync(eventName, payload, id, ct).ConfigureAwait(false);
            return await ack.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _pendingAcks.TryRemove(id, out _);
        }
    }

    /// <summary>Closes the WebSocket (close handshake, then abort after a short wait) and ends the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _receiveLoop.ConfigureAwait(false);
            return;
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived
                && await _sendLock.WaitAsync(CloseTimeout).ConfigureAwait(false))
            {
                try
                {
                    using var timeout = new CancellationTokenSource(CloseTimeout);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            // Let the loop read the server's close frame; give up after CloseTimeout.
            await _receiveLoop.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or IOException)
        {
            // The socket is being torn down anyway.
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await _receiveLoop.ConfigureAwait(false);
        Shutdown(null);
        _socket.Dispose();
        _lifetime.Dispose();
        await _jsonWriter.DisposeAsync().ConfigureAwait(false);
    }

    private static Uri BuildEndpoint(Uri serverBase)
    {
        string scheme = serverBase.Scheme is "https" or "wss" ? "wss" : "ws";
        var builder = new UriBuilder(serverBase)
        {
            Scheme = scheme,
            Path = serverBase.AbsolutePath.TrimEnd('/') + "/socket.io/",
            Query = "EIO=4&transport=websocket",
        };
        return builder.Uri;
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
        Exception? error = null;
        try
        {
            CancellationToken ct = _lifetime.Token;
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        buffer = Grow(buffer, count);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), ct).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                Volatile.Write(ref _lastReceiveTicks, Environment.TickCount64);
                if (result.MessageType != WebSocketMessageType.Text || count == 0)
                {
                    continue; // binary attachments are not supported
                }

                PacketAction action = HandlePacket(buffer.AsMemory(0, count));
                if (action == PacketAction.Stop)
                {
                    break;
                }

                if (action == PacketAction.Pong)
                {
                    await SendRawAsync(PongPacket).ConfigureAwait(false);
                }
                else if (action == PacketAction.Connect)
                {
                    await SendRawAsync(ConnectPacket).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            // After DisposeAsync began, an aborted socket or cancelled receive is the expected way out.
            if (Volatile.Read(ref _disposed) == 0 || _heartbeatError is not null)
            {
                error = _heartbeatError ?? ex;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Shutdown(error);
    }

    private static byte[] Grow(byte[] buffer, int count)
    {
        if (buffer.Length >= MaxMessageSize)
        {
            throw new SocketIoException($"Incoming message exceeds {MaxMessageSize} bytes.");
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    // Engine.IO v4 packet: one type digit, then data. Over WebSocket there is one packet per frame.
    private PacketAction HandlePacket(ReadOnlyMemory<byte> packet)
    {
        switch (packet.Span[0])
        {
            case (byte)'4': // message: a Socket.IO packet
                return HandleSocketIoPacket(packet[1..]);
            case (byte)'2': // ping
                return PacketAction.Pong;
            case (byte)'0': // open
                ReadOpenPacket(packet.Span[1..]);
                return PacketAction.Connect;
            case (byte)'1': // close
                return PacketAction.Stop;
            default: // 3 pong, 5 upgrade, 6 noop
                return PacketAction.Continue;
        }
    }

    // Socket.IO v5 packet: type digit, [attachments-], [/namespace,], [ack id], [JSON].
    private PacketAction HandleSocketIoPacket(ReadOnlyMemory<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return PacketAction.Continue;
        }

        byte type = packet.Span[0];
        int index = SkipNamespace(packet.Span, 1);
        switch (type)
        {
            case (byte)'2': // EVENT
                ReadAckId(packet.Span, ref index); // an ack the server asks of us: not supported, ignored
                DispatchEvent(packet[index..]);
                return PacketAction.Continue;
            case (byte)'3': // ACK
                int id = ReadAckId(packet.Span, ref index);
                CompleteAck(id, packet.Span[index..]);
                return PacketAction.Continue;
            case (byte)'0': // CONNECT
                Sid = ReadStringProperty(packet.Span[index..], "sid"u8);
                _connected.TrySetResult();
                return PacketAction.Continue;
            case (byte)'1': // DISCONNECT (server-side socket.disconnect())
                return PacketAction.Stop;
            case (byte)'4': // CONNECT_ERROR
                throw new SocketIoException("socket.io connect error: " + Encoding.UTF8.GetString(packet.Span[index..]));
            default: // 5 BINARY_EVENT, 6 BINARY_ACK: not supported
                return PacketAction.Continue;
        }
    }

    private static int SkipNamespace(ReadOnlySpan<byte> packet, int index)
    {
        if (index < packet.Length && packet[index] == (byte)'/')
        {
            int comma = packet[index..].IndexOf((byte)',');
            return comma < 0 ? packet.Length : index + comma + 1;
        }

        return index;
    }

    private static int ReadAckId(ReadOnlySpan<byte> packet, ref int index)
    {
        int id = -1;
        while (index < packet.Length && (uint)(packet[index] - '0') <= 9)
        {
            id = (id < 0 ? 0 : id * 10) + (packet[index] - '0');
            index++;
        }

        return id;
    }

    private void DispatchEvent(ReadOnlyMemory<byte> json)
    {
        HandlerEntry[] handlers = _handlers;
        if (handlers.Length == 0)
        {
            return;
        }

        // Look at the event name first so that events nobody listens to are never parsed.
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        int first = -1;
        for (int i = 0; i < handlers.Length; i++)
        {
            if (reader.ValueTextEquals(handlers[i].Utf8Name))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement.ArrayEnumerator arguments = document.RootElement.EnumerateArray();
        arguments.MoveNext(); // the event name
        JsonElement payload = arguments.MoveNext() ? arguments.Current : default;
        handlers[first].Handler(payload);
        for (int i = first + 1; i < handlers.Length; i++)
        {
            if (handlers[i].Utf8Name.AsSpan().SequenceEqual(handlers[first].Utf8Name))
            {
                handlers[i].Handler(payload);
            }
        }
    }

    private void CompleteAck(int id, ReadOnlySpan<byte> json)
    {
        if (id < 0 || !_pendingAcks.TryRemove(id, out TaskCompletionSource<JsonElement>? ack))
        {
            return; // unknown or already cancelled
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            JsonElement result = default;
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray
                && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                result = JsonElement.ParseValue(ref reader); // a standalone copy
            }

            ack.TrySetResult(result);
        }
        catch (JsonException ex)
        {
            ack.TrySetException(new SocketIoException("Malformed ack packet.", ex));
        }
    }

    private void ReadOpenPacket(ReadOnlySpan<byte> json)
    {
        long pingInterval = 25_000;
        long pingTimeout = 20_000;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                bool isInterval = reader.ValueTextEquals("pingInterval"u8);
                bool isTimeout = !isInterval && reader.ValueTextEquals("pingTimeout"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (isInterval)
                    {
                        pingInterval = reader.GetInt64();
                    }
                    else if (isTimeout)
                    {
                        pingTimeout = reader.GetInt64();
                    }
                }
            }
        }

        PingInterval = TimeSpan.FromMilliseconds(pingInterval);

        // Like the official client: no packet (a ping at least) for pingInterval + pingTimeout means the server is gone.
        _heartbeatLimitMs = pingInterval + pingTimeout;
        // Checked a few times per limit, so a dead server is noticed within 1.25x the limit.
        var period = TimeSpan.FromMilliseconds(Math.Max(1_000, _heartbeatLimitMs / 4));
        _heartbeatTimer?.Dispose();
        _heartbeatTimer = new Timer(static state => ((SocketIoClient)state!).CheckHeartbeat(), this, period, period);
    }

    private void CheckHeartbeat()
    {
        if (Environment.TickCount64 - Volatile.Read(ref _lastReceiveTicks) > _heartbeatLimitMs && Volatile.Read(ref _closed) == 0)
        {
            _heartbeatError = new SocketIoException($"No ping from the server within {_heartbeatLimitMs} ms.");
            _socket.Abort();
        }
    }

    private static string? ReadStringProperty(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendEventAsync(string eventName, object? payload, int ackId, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            _sendBuffer.ResetWrittenCount();
            "42"u8.CopyTo(_sendBuffer.GetSpan(2));
            _sendBuffer.Advance(2);
            if (ackId >= 0)
            {
                ackId.TryFormat(_sendBuffer.GetSpan(11), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
                _sendBuffer.Advance(written);
            }

            _jsonWriter.Reset(_sendBuffer);
            _jsonWriter.WriteStartArray();
            _jsonWriter.WriteStringValue(eventName);
            if (payload is not null)
            {
                JsonSerializer.Serialize(_jsonWriter, payload, payload.GetType(), SerializerOptions);
            }

            _jsonWriter.WriteEndArray();
            _jsonWriter.Flush();

            // Not cancellable on purpose: cancelling a WebSocket send aborts the whole connection.
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
                .ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask SendRawAsync(ReadOnlyMemory<byte> packet)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(packet, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new SocketIoException("The socket.io connection is closed.", _closeError);
        }
    }

    private void Shutdown(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closeError = error;
        _heartbeatTimer?.Dispose();
        var closed = new SocketIoException("The socket.io connection closed.", error);
        if (_connected.TrySetException(error as SocketIoException ?? closed))
        {
            _ = _connected.Task.Exception; // observed: ConnectAsync may have stopped waiting (cancelled)
        }

        foreach (int id in _pendingAcks.Keys)
        {
            if (_pendingAcks.TryRemove(id, out TaskCompletionSource<JsonElement>? ack))
            {
                ack.TrySetException(closed);
            }
        }

        if (error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    private enum PacketAction
    {
        Continue,
        Pong,
        Connect,
        Stop,
    }

    private sealed record HandlerEntry(byte[] Utf8Name, Action<JsonElement> Handler);
}
