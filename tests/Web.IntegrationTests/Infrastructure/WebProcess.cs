using System.Diagnostics;
using Transcendence.TestSupport;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>The built web executable (<c>dotnet Transcendence.Web.dll …</c>) run as a real process.</summary>
public static class WebProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs it in an empty folder (no appsettings) in Production unless the environment says otherwise.</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Transcendence.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        InheritedDescriptors.KeepFromChildren();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the web process did not exit within 60 s: {await output}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
