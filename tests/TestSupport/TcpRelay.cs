using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Transcendence.TestSupport;

/// <summary>
/// A loopback TCP relay in front of a server, for outage tests: an app connects through it, and
/// <see cref="Cut"/> breaks every open connection and refuses new ones, as a server that went down would.
/// With a tap, every connection's client-to-server bytes are shown to it before they go on (the round trip
/// counter of <see cref="PostgresRoundTripCounter"/>).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Func<Action<ReadOnlyMemory<byte>>>? _tapClient;

    private TcpRelay(IPEndPoint target, Func<Action<ReadOnlyMemory<byte>>>? tapClient)
    {
        _target = target;
        _tapClient = tapClient;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A relay to <paramref name="host"/>; <paramref name="tapClient"/> gives each new connection the tap that sees what its client sends.</summary>
    public static TcpRelay To(string host, int port, Func<Action<ReadOnlyMemory<byte>>>? tapClient = null) =>
        new(new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port), tapClient);

    /// <summary>A relay in front of the server <paramref name="database"/> names; <paramref name="database"/> is pointed at the relay instead.</summary>
    public static TcpRelay InFrontOf(NpgsqlConnectionStringBuilder database, Func<Action<ReadOnlyMemory<byte>>>? tapClient = null)
    {
        var relay = To(database.Host!, database.Port, tapClient);
        database.Host = "127.0.0.1";
        database.Port = relay.Port;
        return relay;
    }

    /// <summary>Every open connection breaks; the port stops listening (new connections are refused).</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                // A connection whose other side already closed has given up (or disposed) its socket.
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                var outbound = new TcpClient();
                await outbound.ConnectAsync(_target, _stop.Token);
                lock (_open)
                {
                    _open.Add(inbound);
                    _open.Add(outbound);
                }

                _ = PumpAsync(inbound, outbound, _tapClient?.Invoke());
                _ = PumpAsync(outbound, inbound, tap: null);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, Action<ReadOnlyMemory<byte>>? tap)
    {
        try
        {
            if (tap is null)
            {
                await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
                return;
            }

            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                tap(buffer.AsMemory(0, read));
                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            Cut();
        }

        await _accepting;
        _stop.Dispose();
    }
}
