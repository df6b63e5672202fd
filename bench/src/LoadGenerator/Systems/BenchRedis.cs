using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Transcendence.TestSupport;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>
/// The Redis a scaled-out system runs on: the same throwaway <c>redis-server</c> the test suite starts (a free
/// loopback port, nothing saved), one per system, stopped with it. Its pid is read for CPU (the bus's cost is
/// partly Redis's) and its <c>INFO commandstats</c> for the PUBLISH calls (and all commands) it served.
/// </summary>
public sealed class BenchRedis : IAsyncDisposable
{
    private readonly RedisTestServer _server;

    private BenchRedis(RedisTestServer server, int pid)
    {
        _server = server;
        Pid = pid;
    }

    public int Pid { get; }

    /// <summary>What <c>ConnectionStrings:Redis</c> takes.</summary>
    public string ConnectionString => _server.ConnectionString;

    public static async Task<BenchRedis> StartAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisTestServer.EnvironmentVariable)))
        {
            throw new InvalidOperationException(
                $"The bench starts its own redis-server to read its CPU: unset {RedisTestServer.EnvironmentVariable} (scripts/ensure-redis.sh installs redis-server).");
        }

        var server = await RedisTestServer.StartAsync();
        return new BenchRedis(server, server.Pid ?? throw new InvalidOperationException("the throwaway redis-server has no pid"));
    }

    /// <summary>
    /// Every command's calls and microseconds so far (<c>INFO commandstats</c>: <c>cmdstat_publish:calls=…,usec=…</c>);
    /// the INFO reads themselves count, two a window.
    /// </summary>
    public RedisCounters Counters()
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        var micros = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Info("commandstats").Split('\n'))
        {
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            var at = line.IndexOf(":calls=", StringComparison.Ordinal) + ":calls=".Length;
            var name = line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)];
            byName[name] = long.Parse(line[at..line.IndexOf(',', at)], CultureInfo.InvariantCulture);
            var usec = line.IndexOf(",usec=", StringComparison.Ordinal) + ",usec=".Length;
            micros[name] = long.Parse(line[usec..line.IndexOf(',', usec)], CultureInfo.InvariantCulture);
        }

        return new RedisCounters(byName, micros);
    }

    /// <summary>One <c>INFO section</c> over a plain socket (a RESP bulk string back), blocking: read at a window's edges.</summary>
    private string Info(string section)
    {
        var colon = _server.Endpoint.LastIndexOf(':');
        using var client = new TcpClient(_server.Endpoint[..colon], int.Parse(_server.Endpoint[(colon + 1)..], CultureInfo.InvariantCulture));
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"INFO {section}\r\n"));
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int? expected = null;
        while (expected is null || received.Length < expected)
        {
            var read = stream.Read(buffer);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            var text = Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length);
            var headerEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (expected is null && text.StartsWith('$') && headerEnd > 0)
            {
                // $<length>\r\n<body>\r\n
                expected = headerEnd + 2 + int.Parse(text[1..headerEnd], CultureInfo.InvariantCulture) + 2;
            }
        }

        return Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

/// <summary>
/// Calls per command name (<c>publish</c>, <c>evalsha</c> …) since redis-server started, and the microseconds Redis
/// spent executing each (its own <c>usec</c>: inside the command, without reading the request or writing the reply).
/// </summary>
public sealed record RedisCounters(IReadOnlyDictionary<string, long> ByName, IReadOnlyDictionary<string, long> Micros)
{
    public static readonly RedisCounters None = new(new Dictionary<string, long>(), new Dictionary<string, long>());

    public Dictionary<string, long> Since(RedisCounters earlier) =>
        ByName.Select(c => (c.Key, Calls: c.Value - earlier.ByName.GetValueOrDefault(c.Key))).Where(c => c.Calls > 0).ToDictionary(c => c.Key, c => c.Calls);

    public Dictionary<string, long> MicrosSince(RedisCounters earlier) =>
        Micros.Select(c => (c.Key, Us: c.Value - earlier.Micros.GetValueOrDefault(c.Key))).Where(c => c.Us > 0).ToDictionary(c => c.Key, c => c.Us);
}
