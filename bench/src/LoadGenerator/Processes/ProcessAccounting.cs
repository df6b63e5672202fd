using System.Globalization;

namespace Transcendence.LoadGenerator.Processes;

/// <summary>
/// What the kernel has accounted to a process: CPU time (user + system, all threads) from
/// <c>/proc/&lt;pid&gt;/stat</c> and resident memory from <c>/proc/&lt;pid&gt;/status</c>. The server's own
/// figures, so the load generator's CPU on the same cores never counts against it.
/// </summary>
public static class ProcessAccounting
{
    // USER_HZ is 100 on every Linux this runs on (the kernel ABI fixes it for /proc).
    private const double ClockTicksPerSecond = 100.0;

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / ClockTicksPerSecond;
    }

    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kib * 1024;
            }
        }

        throw new InvalidOperationException($"process {pid} reports no VmRSS");
    }
}
