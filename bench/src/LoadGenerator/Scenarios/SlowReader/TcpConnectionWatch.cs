using System.Diagnostics;
using System.Globalization;

namespace Transcendence.LoadGenerator.Scenarios.SlowReader;

/// <summary>
/// Watches one loopback TCP connection from the server's side in /proc/net/tcp (both ends live on this machine):
/// when the server's socket leaves ESTABLISHED (it closed: FIN_WAIT1 with unsent data behind a full window) or
/// disappears (it reset), and how many bytes the kernel held for the connection (the server's unsent queue and
/// our unread one). A client that is not reading cannot see a close any other way until it reads again.
/// </summary>
public sealed class TcpConnectionWatch : IAsyncDisposable
{
    private static readonly string[] States = ["?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"];
    private readonly int _serverPort;
    private readonly int _clientPort;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TcpConnectionWatch(int serverPort, int clientPort)
    {
        _serverPort = serverPort;
        _clientPort = clientPort;
        _loop = Task.Run(WatchAsync);
    }

    /// <summary>Seconds from the start of the watch to the first sight of the server's socket not ESTABLISHED; null while it is.</summary>
    public double? ClosedAfterSeconds { get; private set; }

    /// <summary>What the server's socket was when first seen closing ("gone" if it had vanished, i.e. reset).</summary>
    public string? ClosedState { get; private set; }

    /// <summary>The most bytes seen waiting: the server's send queue plus our receive queue.</summary>
    public long MaxQueuedBytes { get; private set; }

    private async Task WatchAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && ClosedAfterSeconds is null)
            {
                Poll();
                await Task.Delay(50, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Done watching.
        }
    }

    private void Poll()
    {
        string? serverState = null;
        long queued = 0;
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            // sl local rem st tx_queue:rx_queue …, addresses as hex IP:port.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = Port(fields[1]);
            var remote = Port(fields[2]);
            var queues = fields[4].Split(':');
            if (local == _serverPort && remote == _clientPort)
            {
                serverState = States[Math.Min(int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture), States.Length - 1)];
                queued += long.Parse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (local == _clientPort && remote == _serverPort)
            {
                queued += long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        MaxQueuedBytes = Math.Max(MaxQueuedBytes, queued);
        if (serverState != "ESTABLISHED")
        {
            ClosedState = serverState ?? "gone";
            ClosedAfterSeconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        }
    }

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
