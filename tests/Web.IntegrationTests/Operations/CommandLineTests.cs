using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The executable's own command line, run as a real process.</summary>
public sealed class CommandLineTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public async Task Help_prints_usage_and_exits_without_starting_the_server(string flag)
    {
        // A URL the server could bind: had it started, it would not exit and the run would time out.
        var result = await WebProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }, flag);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("usage:");
        result.Output.ShouldContain("migrate [--connection <cs>] [--status] [--dry-run]");
        result.Output.ShouldNotContain("Now listening");
    }

    [Test]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await WebProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }, "frobnicate");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("unknown command 'frobnicate'");
    }
}

/// <summary>The published executable listens where <c>dotnet run</c> does unless told otherwise.</summary>
public sealed class DefaultUrlTests
{
    [Test]
    public async Task Without_any_url_configured_the_app_listens_on_localhost_5080()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Transcendence.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__Jwt__SigningKey"] = Transcendence.TestSupport.TestKeys.JwtSigningKey;
        foreach (var key in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS" })
        {
            start.Environment.Remove(key);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Listening there, or refused because something else already does (another app on this machine):
            // either way the address it chose is in the output.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!Read(output).Contains("localhost:5080", StringComparison.Ordinal) && !process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }

            Read(output).ShouldContain("localhost:5080");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static string Read(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
