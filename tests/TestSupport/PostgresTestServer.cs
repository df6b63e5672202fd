using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Transcendence.Infrastructure.Persistence.Migrations;

namespace Transcendence.TestSupport;

/// <summary>
/// The PostgreSQL server the tests use: a throwaway cluster made from the machine's PostgreSQL binaries
/// (initdb + pg_ctl in a temporary folder, a free loopback port, trust auth; through
/// <c>runuser -u postgres --</c> when running as root), or the server named by
/// <c>TRANSCENDENCE_TEST_POSTGRES</c>. Every test fixture gets a fresh, migrated database of its own.
/// </summary>
public sealed class PostgresTestServer
{
    public const string EnvironmentVariable = "TRANSCENDENCE_TEST_POSTGRES";

    private const string HowToFix =
        "The Postgres tests need a PostgreSQL server. Either install the server binaries " +
        "(Debian: apt-get update && apt-get install -y postgresql; .ci/run does this for you) so the suite can start " +
        $"its own throwaway cluster, or set {EnvironmentVariable} to the connection string of a server where the " +
        "tests may create databases (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…).";

    private static readonly Lazy<PostgresTestServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ThrowawayCluster? _cluster;

    private PostgresTestServer(string adminConnectionString, ThrowawayCluster? cluster)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>The server for this test run, started on first use.</summary>
    public static PostgresTestServer Instance => Shared.Value;

    /// <summary>A connection string to the server's <c>postgres</c> database, as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Stops the throwaway cluster if this run started one (the assembly tear-down calls it).</summary>
    public static void StopIfStarted()
    {
        if (Shared.IsValueCreated)
        {
            Shared.Value._cluster?.Dispose();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database with every migration applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateEmptyDatabaseAsync();
        var outcome = DatabaseMigrator.Migrate(connectionString);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"migrating the test database failed at {outcome.FailedScript}: {outcome.Error}");
        }

        // The migrator's connections go back to Npgsql's process-wide pools and would stay open (one pool
        // per test database): hundreds of test databases would use up the cluster's connections.
        NpgsqlConnection.ClearAllPools();
        return connectionString;
    }

    private static PostgresTestServer Start()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            try
            {
                using var connection = new NpgsqlConnection(external);
                connection.Open();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} is set but the server does not answer: {ex.Message}. {HowToFix}", ex);
            }

            return new PostgresTestServer(external, null);
        }

        var binDirectory = FindBinaries() ?? throw new InvalidOperationException($"No PostgreSQL binaries (initdb, pg_ctl) were found. {HowToFix}");
        var cluster = ThrowawayCluster.Start(binDirectory);
        return new PostgresTestServer(cluster.ConnectionString, cluster);
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    /// <summary>A cluster in a temporary folder, removed with everything in it on dispose.</summary>
    private sealed class ThrowawayCluster : IDisposable
    {
        private const string ServiceUser = "postgres";

        private readonly string _binDirectory;
        private readonly string _root;
        private readonly bool _asServiceUser;
        private int _disposed;

        private ThrowawayCluster(string binDirectory, string root, bool asServiceUser, int port)
        {
            _binDirectory = binDirectory;
            _root = root;
            _asServiceUser = asServiceUser;
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true;Timeout=30";
        }

        public string ConnectionString { get; }

        private string DataDirectory => Path.Combine(_root, "data");

        public static ThrowawayCluster Start(string binDirectory)
        {
            // initdb refuses to run as root: as root the cluster belongs to the postgres service user.
            var asServiceUser = Environment.IsPrivilegedProcess;
            var root = Path.Combine(Path.GetTempPath(), $"transcendence-pg-{Guid.NewGuid():N}");
            Directory.CreateDirectory(root);
            if (asServiceUser)
            {
                Run("chown", ["-R", ServiceUser, root], asServiceUser: false, binDirectory: null);
            }

            var cluster = new ThrowawayCluster(binDirectory, root, asServiceUser, FreePort());
            try
            {
                cluster.Pg("initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
                var port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
                var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
                cluster.Pg("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
                return cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                {
                    Pg("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
                }
            }
            finally
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless; the server is already stopped.
                }
            }
        }

        private void Pg(string tool, IReadOnlyList<string> args) => Run(tool, args, _asServiceUser, _binDirectory);

        private static void Run(string tool, IReadOnlyList<string> args, bool asServiceUser, string? binDirectory)
        {
            var executable = binDirectory is null ? tool : Path.Combine(binDirectory, tool);
            var start = new ProcessStartInfo(asServiceUser ? "runuser" : executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            if (asServiceUser)
            {
                foreach (var arg in (string[])["-u", ServiceUser, "--", executable])
                {
                    start.ArgumentList.Add(arg);
                }
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            InheritedDescriptors.KeepFromChildren();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{tool} did not finish within 90 s. {HowToFix}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {stderr.Result}{stdout.Result}. {HowToFix}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
