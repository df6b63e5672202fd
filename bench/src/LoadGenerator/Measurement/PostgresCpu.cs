using System.Globalization;
using Npgsql;

namespace Transcendence.LoadGenerator.Measurement;

/// <summary>
/// CPU charged to the PostgreSQL cluster: the postmaster, every live child (backends, background workers)
/// and what its exited children left in its cumulative times, from /proc. Found from a backend's parent,
/// so it is the bench's own cluster and no other on the machine.
/// </summary>
public sealed class PostgresCpu
{
    private const double ClockTicksPerSecond = 100.0;

    private readonly string _connectionString;

    private PostgresCpu(int postmasterPid, string connectionString)
    {
        PostmasterPid = postmasterPid;
        _connectionString = connectionString;
    }

    public int PostmasterPid { get; }

    public static async Task<PostgresCpu> FindAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync(ct))!;
        return new PostgresCpu(ParentOf(backend), connectionString);
    }

    /// <summary>
    /// The cluster's write-ahead log position in bytes: a read-only workload should barely move it, so
    /// WAL bytes per request show reads that write (row locks, hint bits, on-access pruning).
    /// </summary>
    public async Task<long> WalPositionAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public double CpuSeconds()
    {
        var fields = StatFields(PostmasterPid)!;
        // utime, stime, cutime, cstime (fields 14–17).
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == PostmasterPid)
            {
                continue;
            }

            var child = StatFields(pid);
            if (child is not null && child[1] == PostmasterPid.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(child[11], CultureInfo.InvariantCulture) + long.Parse(child[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / ClockTicksPerSecond;
    }

    private static int ParentOf(int pid) => int.Parse(StatFields(pid)![1], CultureInfo.InvariantCulture);

    /// <summary>The fields after the command name (state first, then ppid…), or null for a process gone meanwhile.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
