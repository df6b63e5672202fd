using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>
/// A measurement window on the processes that serve one system: wall time and the CPU the kernel charged to
/// them. A scaled-out system is several app processes and redis-server; their CPU is read apart (app, Redis)
/// with the publishes and commands Redis served, so the bus's cost can be told from the app's.
/// </summary>
public sealed class ServerMeter
{
    private readonly Func<double> _appCpuSeconds;
    private readonly Func<double>? _redisCpuSeconds;
    private readonly Func<RedisCounters>? _redisCounters;
    private readonly double _appAtStart;
    private readonly double _redisAtStart;
    private readonly RedisCounters _countersAtStart;
    private readonly long _startTimestamp;

    private ServerMeter(Func<double> appCpuSeconds, Func<double>? redisCpuSeconds, Func<RedisCounters>? redisCounters)
    {
        _appCpuSeconds = appCpuSeconds;
        _redisCpuSeconds = redisCpuSeconds;
        _redisCounters = redisCounters;
        _countersAtStart = redisCounters?.Invoke() ?? RedisCounters.None;
        _redisAtStart = redisCpuSeconds?.Invoke() ?? 0;
        _appAtStart = appCpuSeconds();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static ServerMeter Start(ServerProcess server) => new(() => server.CpuSeconds, null, null);

    /// <summary>Any process by its pid, e.g. a load driver, or this one (<see cref="Environment.ProcessId"/>).</summary>
    public static ServerMeter Start(int pid) => new(() => ProcessAccounting.CpuSeconds(pid), null, null);

    /// <summary>Several app processes (their CPU summed) and, when scaled out, redis-server and its command counts.</summary>
    public static ServerMeter Start(IReadOnlyList<ServerProcess> apps, int? redisPid, Func<RedisCounters>? redisCounters) =>
        new(() => apps.Sum(a => a.CpuSeconds), redisPid is { } pid ? () => ProcessAccounting.CpuSeconds(pid) : null, redisCounters);

    /// <summary>Wall time and the CPU of every server process (apps and Redis).</summary>
    public (double WallSeconds, double CpuSeconds) Stop()
    {
        var window = StopWindow();
        return (window.WallSeconds, window.CpuSeconds);
    }

    public ServerWindow StopWindow()
    {
        var app = _appCpuSeconds() - _appAtStart;
        var redis = _redisCpuSeconds is null ? 0 : _redisCpuSeconds() - _redisAtStart;
        var counters = _redisCounters?.Invoke() ?? _countersAtStart;
        return new ServerWindow(Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, app, redis, counters.Since(_countersAtStart), counters.MicrosSince(_countersAtStart));
    }
}

/// <summary>One window: the app processes' CPU, redis-server's (0 without Redis), and the publishes and commands Redis served in it.</summary>
public sealed record ServerWindow(
    double WallSeconds, double AppCpuSeconds, double RedisCpuSeconds, IReadOnlyDictionary<string, long> RedisCalls, IReadOnlyDictionary<string, long> RedisCommandMicros)
{
    public long RedisPublishes => RedisCalls.GetValueOrDefault("publish");

    /// <summary>Every command's calls, the two INFO reads at the window's edges left out.</summary>
    public long RedisCommands => RedisCalls.Where(c => c.Key != "info").Sum(c => c.Value);

    public double CpuSeconds => AppCpuSeconds + RedisCpuSeconds;
}
