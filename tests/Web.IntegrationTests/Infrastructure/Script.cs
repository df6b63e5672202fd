using System.Diagnostics;
using Transcendence.TestSupport;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>One of the repository's scripts (scripts/…) run with bash as a user would, its output kept.</summary>
public static class Script
{
    /// <summary>Runs <c>scripts/<paramref name="name"/></c> with <paramref name="args"/> (up to 5 minutes); stdout then stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", name));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var command = $"scripts/{name} {string.Join(' ', args)}";
        InheritedDescriptors.KeepFromChildren();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within 5 minutes: killed with what it had started");
        }

        // A background process the script left running with the script's output as its own would keep these pipes
        // open, and this wait (and the test run) going for ever: say so instead.
        try
        {
            return (process.ExitCode, string.Concat(await Task.WhenAll(output, error).WaitAsync(TimeSpan.FromSeconds(30))));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"{command} exited ({process.ExitCode}) but a process it started still holds its output open: " +
                "start background processes with their output redirected (</dev/null >log 2>&1), as cluster.sh does");
        }
    }
}
