using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>A measurement window on one server: wall time and the CPU the kernel charged to its process.</summary>
public sealed class ServerMeter
{
    private readonly ServerProcess _server;
    private readonly double _cpuAtStart;
    private readonly long _startTimestamp;

    private ServerMeter(ServerProcess server)
    {
        _server = server;
        _cpuAtStart = server.CpuSeconds;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static ServerMeter Start(ServerProcess server) => new(server);

    public (double WallSeconds, double CpuSeconds) Stop() =>
        (Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, _server.CpuSeconds - _cpuAtStart);
}
