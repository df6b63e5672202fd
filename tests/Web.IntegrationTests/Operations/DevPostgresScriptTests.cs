using System.Net;
using System.Net.Sockets;
using Transcendence.Infrastructure.Persistence.Migrations;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The README's way to PostgreSQL: scripts/dev-postgres.sh, then migrate with the string it prints.</summary>
public sealed class DevPostgresScriptTests
{
    [Test]
    public async Task The_script_starts_a_server_whose_printed_connection_string_migrate_can_use_and_a_second_start_changes_nothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"transcendence-devpg-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string> { ["PGDEV_DIR"] = directory, ["PGDEV_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        try
        {
            var started = await ScriptAsync(environment, "start");
            started.ExitCode.ShouldBe(0, started.Output);
            var connection = started.Output.Split('\n').Single(line => line.StartsWith("connection string: ", StringComparison.Ordinal))["connection string: ".Length..].Trim();

            var status = await WebProcess.RunAsync(null, "migrate", "--connection", connection, "--status");
            var migrate = await WebProcess.RunAsync(null, "migrate", "--connection", connection);
            var again = await ScriptAsync(environment, "start");

            status.ExitCode.ShouldBe(0, status.Error);
            status.Output.ShouldContain($"pending ({DatabaseMigrator.Scripts.Count})");
            migrate.ExitCode.ShouldBe(0, migrate.Error);
            migrate.Output.ShouldContain($"{DatabaseMigrator.Scripts.Count} script(s) applied");
            again.ExitCode.ShouldBe(0, again.Output);
            again.Output.ShouldContain(connection);
        }
        finally
        {
            await ScriptAsync(environment, "destroy");
        }
    }

    private static Task<(int ExitCode, string Output)> ScriptAsync(Dictionary<string, string> environment, string command) =>
        Script.RunAsync("dev-postgres.sh", environment, command);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
