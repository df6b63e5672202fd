using System.Diagnostics;

namespace Transcendence.LoadGenerator.Processes;

/// <summary>
/// A system under test running as its own process on 127.0.0.1: started here, polled until its readiness
/// URL answers 200, measured through <see cref="ProcessAccounting"/>, and stopped by its own pid.
/// Its output goes to a log file under bench/results/logs.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(string name, Uri baseAddress, Process process, StreamWriter log)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public double CpuSeconds => ProcessAccounting.CpuSeconds(Pid);

    public long ResidentBytes => ProcessAccounting.ResidentBytes(Pid);

    public static async Task<ServerProcess> StartAsync(
        string name,
        ProcessStartInfo start,
        Uri baseAddress,
        string readinessPath,
        string logDirectory,
        CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        Directory.CreateDirectory(logDirectory);
        var log = new StreamWriter(Path.Combine(logDirectory, $"{name}.log"), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(name, baseAddress, process, log);
        try
        {
            await server.WaitUntilReadyAsync(readinessPath, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        Console.WriteLine($"  started {name} (pid {server.Pid}) on {baseAddress}");
        return server;
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(string readinessPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; see its log");
            }

            try
            {
                using var response = await http.GetAsync(readinessPath, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer while it starts.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not ready within 90 s");
    }

    /// <summary>Stops the process by its own pid: SIGTERM (a graceful shutdown), SIGKILL after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Signal.Terminate(_process.Id);
            await ProcessExit.WaitOrKillAsync(_process, TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
