using Transcendence.Infrastructure.Persistence.Migrations;

namespace Transcendence.Web.Cli;

/// <summary>
/// <c>migrate [--connection &lt;cs&gt;] [--status] [--dry-run]</c>: the admin's schema command. Exit code 0
/// on success; 1 when the database cannot be reached or a script fails; 2 on a usage error.
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    private const string Usage = "usage: migrate [--connection <connection string>] [--status] [--dry-run]";

    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? connection = null;
        var status = false;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Count:
                    connection = args[++i];
                    break;
                case "--status":
                    status = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"migrate: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        connection ??= configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine("migrate: no connection string: pass --connection or set ConnectionStrings:Postgres (ConnectionStrings__Postgres)");
            return 2;
        }

        try
        {
            return status || dryRun ? Report(connection, dryRun, output, error) : Apply(connection, output, error);
        }
        catch (Exception ex)
        {
            error.WriteLine($"migrate: the database could not be reached or read: {ex.Message}");
            return 1;
        }
    }

    private static int Report(string connection, bool dryRun, TextWriter output, TextWriter error)
    {
        MigrationStatus state;
        if (DatabaseMigrator.IsDatabaseMissing(connection))
        {
            // A fresh server: nothing is applied yet, and migrate will create the database.
            var name = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database;
            output.WriteLine($"database \"{name}\" does not exist yet (migrate creates it)");
            state = new MigrationStatus([], DatabaseMigrator.Scripts);
        }
        else if (!DatabaseMigrator.CanConnect(connection, out var reason))
        {
            error.WriteLine($"migrate: cannot connect to the database: {reason}");
            return 1;
        }
        else
        {
            state = DatabaseMigrator.GetStatus(connection);
        }

        if (!dryRun)
        {
            output.WriteLine($"applied ({state.Applied.Count}):");
            foreach (var script in state.Applied)
            {
                output.WriteLine($"  {script}");
            }
        }

        output.WriteLine(dryRun ? $"would apply ({state.Pending.Count}):" : $"pending ({state.Pending.Count}):");
        foreach (var script in state.Pending)
        {
            output.WriteLine($"  {script}");
        }

        return 0;
    }

    private static int Apply(string connection, TextWriter output, TextWriter error)
    {
        var outcome = DatabaseMigrator.Migrate(
            connection,
            starting: script => output.WriteLine($"applying {script} ..."),
            applied: script => output.WriteLine($"applied {script}"));

        if (!outcome.Succeeded)
        {
            error.WriteLine($"migrate: {outcome.FailedScript ?? "the upgrade"} failed and was rolled back: {outcome.Error}");
            return 1;
        }

        output.WriteLine(outcome.Applied.Count == 0 ? "the database is up to date" : $"{outcome.Applied.Count} script(s) applied");
        return 0;
    }
}
