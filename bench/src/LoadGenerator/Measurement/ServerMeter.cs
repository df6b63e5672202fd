using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>A measurement window on one process: wall time and the CPU the kernel charged to it.</summary>
public sealed class ServerMeter
{
    private readonly Func<double> _cpuSeconds;
    private readonly double _cpuAtStart;
    private readonly long _startTimestamp;

    private ServerMeter(Func<double> cpuSeconds)
    {
        _cpuSeconds = cpuSeconds;
        _cpuAtStart = cpuSeconds();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static ServerMeter Start(ServerProcess server) => new(() => server.CpuSeconds);

    /// <summary>Any process by its pid, e.g. a load driver, or this one (<see cref="Environment.ProcessId"/>).</summary>
    public static ServerMeter Start(int pid) => new(() => ProcessAccounting.CpuSeconds(pid));

    public (double WallSeconds, double CpuSeconds) Stop() =>
        (Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, _cpuSeconds() - _cpuAtStart);
}
