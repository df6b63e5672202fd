using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.ChatChannels;

/// <summary>
/// bench/peers/socketio-plain/driver.mjs as a process: the members of a socket.io system, each a socket of
/// socket.io's official client (socket.io-client 4.8, in Node). It connects and joins at start, then runs what
/// it is told on stdin and says when its measurement window opens and closes, so the server's CPU (and its
/// own) is read around the same window as for the other systems. Stopped by its own pid.
/// </summary>
public sealed class SocketIoDriver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();

    private SocketIoDriver(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public double CpuSeconds => ProcessAccounting.CpuSeconds(Pid);

    public static async Task<SocketIoDriver> StartAsync(BenchContext context, Uri server, int channels, int members, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.PeersDirectory, "socketio-plain");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "driver.mjs", "--url", server.ToString().TrimEnd('/'), "--channels", $"{channels}", "--members", $"{members}" })
        {
            start.ArgumentList.Add(argument);
        }

        var logPath = Path.Combine(context.LogDirectory, $"socketio-driver-{server.Port}.log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var driver = new SocketIoDriver(process, log);
        process.OutputDataReceived += (_, e) => driver.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => driver.Log(e.Data);
        process.Exited += (_, _) => driver._events.Writer.TryComplete(new InvalidOperationException($"the socket.io driver exited; see {logPath}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await driver.NextAsync("ready", TimeSpan.FromMinutes(3), cancellationToken);
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }

        return driver;
    }

    /// <summary>
    /// Sends <paramref name="command"/> (see driver.mjs) and returns its result, calling
    /// <paramref name="onMeasuring"/> and <paramref name="onMeasured"/> as the driver's window opens and closes.
    /// </summary>
    public async Task<JsonElement> RunAsync(object command, Action onMeasuring, Action onMeasured, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command, Json).AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        await NextAsync("measuring", TimeSpan.FromMinutes(1), cancellationToken);
        onMeasuring();
        await NextAsync("measured", TimeSpan.FromMinutes(2), cancellationToken);
        onMeasured();
        return await NextAsync("result", TimeSpan.FromMinutes(1), cancellationToken);
    }

    private async Task<JsonElement> NextAsync(string expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var next = await _events.Reader.ReadAsync(timeout.Token);
        var name = next.GetProperty("event").GetString();
        return name == expected
            ? next
            : throw new InvalidOperationException($"the socket.io driver said '{name}' where '{expected}' was due: {next}");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Log(line);
        if (line.StartsWith('{'))
        {
            _events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("{\"cmd\":\"quit\"}");
                await _process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // Already gone.
            }

            await ProcessExit.WaitOrKillAsync(_process, TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
