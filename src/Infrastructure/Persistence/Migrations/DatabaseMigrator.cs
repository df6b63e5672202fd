using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Npgsql;

namespace Transcendence.Infrastructure.Persistence.Migrations;

/// <summary>What the database has applied and what it still lacks, script names in order.</summary>
public sealed record MigrationStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);

/// <summary>The result of a migrate run: the scripts applied, or the one that failed and why.</summary>
public sealed record MigrationOutcome(IReadOnlyList<string> Applied, string? FailedScript, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Applies the SQL scripts of <c>db/scripts</c> (embedded in this assembly) with DbUp: in name order,
/// each in its own transaction (a failing script leaves nothing behind), recorded in the
/// <c>schema_versions</c> journal so a script never runs twice.
/// </summary>
public static class DatabaseMigrator
{
    private const string ResourcePrefix = "Migrations.";

    /// <summary>Every script this build ships, in the order they apply.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
        [.. typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(ShortName)
            .Order(StringComparer.Ordinal)];

    public static MigrationStatus GetStatus(string connectionString)
    {
        var engine = Build(connectionString, upTo: null);
        var applied = engine.GetExecutedScripts().Select(ShortName).ToList();
        var pending = engine.GetScriptsToExecute().Select(script => ShortName(script.Name)).ToList();
        return new MigrationStatus(applied, pending);
    }

    /// <summary>
    /// Creates the database when it does not exist, then applies every pending script, or only those up to
    /// and including <paramref name="upTo"/> (the upgrade tests stop at a script to write rows in between).
    /// </summary>
    /// <remarks>
    /// With a listener, scripts run one upgrade each, so <paramref name="starting"/> hears of a script before it runs and
    /// <paramref name="applied"/> as soon as it is committed (the admin watches a long upgrade progress).
    /// </remarks>
    public static MigrationOutcome Migrate(string connectionString, string? upTo = null, Action<string>? starting = null, Action<string>? applied = null)
    {
        EnsureDatabaseExists(connectionString);
        if (starting is null && applied is null)
        {
            var result = Build(connectionString, upTo).PerformUpgrade();
            var all = result.Scripts.Select(script => ShortName(script.Name)).ToList();
            return result.Successful
                ? new MigrationOutcome(all, null, null)
                : new MigrationOutcome(all, result.ErrorScript is null ? null : ShortName(result.ErrorScript.Name), Describe(result.Error));
        }

        var pending = Build(connectionString, upTo).GetScriptsToExecute().Select(script => ShortName(script.Name)).ToList();
        var done = new List<string>();
        foreach (var script in pending)
        {
            starting?.Invoke(script);
            var result = Build(connectionString, script).PerformUpgrade();
            if (!result.Successful)
            {
                return new MigrationOutcome(done, result.ErrorScript is null ? script : ShortName(result.ErrorScript.Name), Describe(result.Error));
            }

            done.Add(script);
            applied?.Invoke(script);
        }

        return new MigrationOutcome(done, null, null);
    }

    /// <summary>True when the server answers but has no database of the connection string's name (SQLSTATE 3D000).</summary>
    public static bool IsDatabaseMissing(string connectionString)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates the connection string's database when the server lacks it. Done here rather than with
    /// DbUp's <c>EnsureDatabase</c>, whose connection to the <c>postgres</c> database is never closed: one
    /// server connection leaked per run, which a test suite migrating hundreds of databases runs out of.
    /// </summary>
    private static void EnsureDatabaseExists(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("the connection string names no database", nameof(connectionString));
        }

        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"create database \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            create.ExecuteNonQuery();
        }
    }

    /// <summary>Opens a connection and runs a trivial query; the sentence says why it could not.</summary>
    public static bool CanConnect(string connectionString, out string error)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static UpgradeEngine Build(string connectionString, string? upTo)
    {
        UpgradeEngineBuilder builder = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                    && (upTo is null || string.CompareOrdinal(ShortName(name), upTo) <= 0))
            .WithTransactionPerScript()
            // Our SQL may use $$ bodies; DbUp's $variable$ substitution would corrupt them.
            .WithVariablesDisabled()
            .JournalToPostgresqlTable("public", "schema_versions")
            .LogToNowhere();
        return builder.Build();
    }

    private static string ShortName(string resourceName) =>
        resourceName.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? resourceName[ResourcePrefix.Length..] : resourceName;

    private static string Describe(Exception? error) => error switch
    {
        null => "the upgrade failed without saying why",
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        _ => error.Message,
    };
}
