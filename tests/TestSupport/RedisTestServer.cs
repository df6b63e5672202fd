using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Transcendence.TestSupport;

/// <summary>
/// A throwaway <c>redis-server</c> for one test fixture: a free loopback port, nothing saved to disk, killed on
/// dispose (and when the test process exits). Each fixture gets its own, so keys and pub/sub channels never
/// leak between fixtures, and a test can stop it and start it again on the same port to see what the app
/// does while Redis is down. <c>TRANSCENDENCE_TEST_REDIS</c> (host:port) points the fixtures at an existing
/// server instead; then every fixture shares it and a test that stops Redis cannot run.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "TRANSCENDENCE_TEST_REDIS";

    private const string HowToFix =
        "The Redis tests need redis-server. Install it (Debian: apt-get update && apt-get install -y redis-server; " +
        $"test.sh and .ci/run do this for you) so each fixture can start its own, or set {EnvironmentVariable} to the " +
        "host:port of a server the tests may use (e.g. 127.0.0.1:6379).";

    private readonly int _port;
    private readonly bool _external;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RedisTestServer(string endpoint, int port, bool external)
    {
        Endpoint = endpoint;
        _port = port;
        _external = external;
    }

    /// <summary>host:port, the form <c>ConnectionStrings:Redis</c> takes.</summary>
    public string Endpoint { get; }

    /// <summary>The throwaway server's process id while it runs (the bench reads its CPU); null for an external server.</summary>
    public int? Pid => _external ? null : _process?.Id;

    /// <summary>A connection string for the app: the endpoint, and no waiting for Redis at start-up.</summary>
    public string ConnectionString => $"{Endpoint},abortConnect=false";

    /// <summary>Starts a fresh server (or checks the external one) and waits until it answers PING.</summary>
    public static async Task<RedisTestServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new RedisTestServer(external.Trim(), 0, external: true);
            if (!await server.AnswersAsync(TimeSpan.FromSeconds(10)))
            {
                throw new InvalidOperationException($"{EnvironmentVariable} is set to '{external}' but no Redis answers there. {HowToFix}");
            }

            return server;
        }

        var port = FreePort();
        var throwaway = new RedisTestServer($"127.0.0.1:{port}", port, external: false);
        await throwaway.StartProcessAsync();
        return throwaway;
    }

    /// <summary>Stops the server as a crash would (SIGKILL): connections drop, nothing is saved.</summary>
    public async Task StopAsync()
    {
        EnsureThrowaway("stop");
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Starts the server again on the same port (empty: nothing was saved).</summary>
    public async Task RestartAsync()
    {
        EnsureThrowaway("restart");
        await StopAsync();
        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_external)
        {
            await StopAsync();
        }
    }

    private async Task StartProcessAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException($"redis-server was not found on PATH. {HowToFix}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in (string[])["--port", $"{_port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no"])
        {
            start.ArgumentList.Add(arg);
        }

        InheritedDescriptors.KeepFromChildren();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start redis-server. {HowToFix}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly(process);

        if (!await AnswersAsync(TimeSpan.FromSeconds(30)))
        {
            KillQuietly(process);
            throw new InvalidOperationException($"redis-server on port {_port} did not answer PING within 30 s. Its output: {Log()} {HowToFix}");
        }
    }

    /// <summary>PING over a plain socket until PONG comes back or the time is up.</summary>
    private async Task<bool> AnswersAsync(TimeSpan within)
    {
        var (host, port) = Split(Endpoint);
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void EnsureThrowaway(string what)
    {
        if (_external)
        {
            throw new InvalidOperationException($"This test must {what} Redis, which it can only do with a throwaway server: unset {EnvironmentVariable}.");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static (string Host, int Port) Split(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon < 0 ? (endpoint, 6379) : (endpoint[..colon], int.Parse(endpoint[(colon + 1)..]));
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
