using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// The built web app (<c>dotnet Transcendence.Web.dll</c>) serving on a free loopback port until disposed,
/// in Production unless the environment says otherwise. Its console output is kept for failure messages.
/// </summary>
public sealed class RunningWebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningWebProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

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

        var running = new RunningWebProcess(Process.Start(start)!, baseAddress);
        running._process.OutputDataReceived += (_, line) => running.Append(line.Data);
        running._process.ErrorDataReceived += (_, line) => running.Append(line.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (running._process.HasExited)
            {
                throw new InvalidOperationException($"the web process exited with {running._process.ExitCode}: {running.Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return running;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await running.DisposeAsync();
        throw new TimeoutException($"the web process did not answer /health/live within 60 s: {running.Output}");
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
