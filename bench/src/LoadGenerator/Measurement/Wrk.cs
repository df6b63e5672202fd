using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>
/// Runs <c>wrk</c> (closed loop: each connection sends its next request when the previous answer is in)
/// and reads its summary: requests per second, the latency distribution from <c>--latency</c>, errors.
/// </summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, int threads, int connections, TimeSpan duration, IReadOnlyList<string> headers, CancellationToken ct)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-t", $"{threads}", "-c", $"{connections}", "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s", "--latency", "--timeout", "10s"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var header in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}{await output}");
        }

        return Parse(await output);
    }

    public static WrkResult Parse(string output)
    {
        double Percentile(string p)
        {
            var match = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
            return match.Success ? Milliseconds(match.Groups[1].Value, match.Groups[2].Value) : double.NaN;
        }

        var rps = RequestsPerSecond().Match(output);
        if (!rps.Success)
        {
            throw new InvalidOperationException($"no Requests/sec in wrk's output:\n{output}");
        }

        var total = TotalRequests().Match(output);
        var non2xx = Non2xx().Match(output);
        var socket = SocketErrors().Match(output);
        var socketErrors = socket.Success ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            total.Success ? Milliseconds(total.Groups[2].Value, total.Groups[3].Value) / 1000 : double.NaN,
            Percentile("50"), Percentile("90"), Percentile("99"),
            (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0) + socketErrors);
    }

    private static double Milliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", RegexOptions.Multiline)]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

/// <summary>One wrk run: wrk's own requests per second, latency percentiles in ms, and failed requests (non-2xx and socket errors).</summary>
public sealed record WrkResult(double RequestsPerSecond, long Requests, double Seconds, double P50, double P90, double P99, long Errors);
