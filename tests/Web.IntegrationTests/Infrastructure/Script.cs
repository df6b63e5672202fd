using System.Diagnostics;

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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
