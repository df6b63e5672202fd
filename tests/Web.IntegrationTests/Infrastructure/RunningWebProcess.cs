using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Transcendence.TestSupport;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// The built web app (<c>dotnet Transcendence.Web.dll</c>) serving on a free loopback port until disposed,
/// in Production unless the environment says otherwise. Its console output is kept for failure messages.
/// It never outlives the test run: a start that fails kills it, dispose kills it (and may be called again), and
/// so does the test process's exit. A process left running would hold ports and memory after the run.
/// </summary>
public sealed class RunningWebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly EventHandler _killOnExit;
    private int _disposed;

    private RunningWebProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    public Uri BaseAddress { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits (up to 60 s) until <c>/health/live</c> answers.</summary>
    public static Task<RunningWebProcess> StartAsync(IReadOnlyDictionary<string, string> environment) =>
        StartAsync(Path.Combine(AppContext.BaseDirectory, "Transcendence.Web.dll"), Path.GetTempPath(), environment);

    /// <summary>
    /// Starts another web executable of the repository (the proxy in deploy/Proxy) the same way, in
    /// <paramref name="workingDirectory"/> (its content root), and waits until <c>/health/live</c> answers through it.
    /// </summary>
    public static async Task<RunningWebProcess> StartAsync(string assembly, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        InheritedDescriptors.KeepFromChildren();
        var running = new RunningWebProcess(Process.Start(start)!, baseAddress);
        running._process.OutputDataReceived += (_, line) => running.Append(line.Data);
        running._process.ErrorDataReceived += (_, line) => running.Append(line.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();

        try
        {
            await running.WaitUntilLiveAsync();
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Kills the process (SIGKILL, as a crash would) and waits until it is gone; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the web process exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer within the probe's timeout.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the web process did not answer /health/live within 60 s: {Output}");
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
