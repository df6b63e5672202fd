using Dapper;
using Npgsql;
using Transcendence.Infrastructure.Persistence.Migrations;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The admin's <c>migrate</c> command, run as a real process against the test server.</summary>
public sealed class MigrateCommandTests
{
    [Test]
    public async Task Migrate_applies_every_pending_script_lists_them_and_a_second_run_applies_nothing()
    {
        var database = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();

        var first = await RunAsync("migrate", "--connection", database);
        var second = await RunAsync("migrate", "--connection", database);

        first.ExitCode.ShouldBe(0, first.Output);
        // Each script is announced before it runs and reported once committed, in order.
        var lines = first.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("appl", StringComparison.Ordinal)).ToList();
        lines.ShouldBe(DatabaseMigrator.Scripts.SelectMany(script => new[] { $"applying {script} ...", $"applied {script}" }).ToList());

        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldContain("up to date");
    }

    [Test]
    public async Task Status_lists_applied_and_pending_and_dry_run_changes_nothing()
    {
        var database = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();

        var dryRun = await RunAsync("migrate", "--connection", database, "--dry-run");
        var status = await RunAsync("migrate", "--connection", database, "--status");

        dryRun.ExitCode.ShouldBe(0, dryRun.Output);
        dryRun.Output.ShouldContain($"would apply ({DatabaseMigrator.Scripts.Count})");
        status.Output.ShouldContain("applied (0)");
        status.Output.ShouldContain($"pending ({DatabaseMigrator.Scripts.Count})");
        await using var connection = new NpgsqlConnection(database);
        (await connection.ExecuteScalarAsync<bool>("select to_regclass('public.users') is not null")).ShouldBeFalse();

        await RunAsync("migrate", "--connection", database);
        var after = await RunAsync("migrate", "--connection", database, "--status");
        after.Output.ShouldContain($"applied ({DatabaseMigrator.Scripts.Count})");
        after.Output.ShouldContain("pending (0)");
    }

    [Test]
    public async Task Status_and_dry_run_on_a_server_without_the_database_say_so_and_list_every_script_pending()
    {
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(await PostgresTestServer.Instance.CreateEmptyDatabaseAsync())
        {
            Database = $"never_created_{Guid.NewGuid():N}",
        }.ConnectionString;

        var status = await RunAsync("migrate", "--connection", missing, "--status");
        var dryRun = await RunAsync("migrate", "--connection", missing, "--dry-run");

        status.ExitCode.ShouldBe(0, status.Error);
        status.Output.ShouldContain("does not exist yet");
        status.Output.ShouldContain("applied (0)");
        status.Output.ShouldContain($"pending ({DatabaseMigrator.Scripts.Count})");
        dryRun.ExitCode.ShouldBe(0, dryRun.Error);
        dryRun.Output.ShouldContain($"would apply ({DatabaseMigrator.Scripts.Count})");
    }

    [Test]
    public async Task An_unreachable_database_exits_non_zero_with_a_clear_message()
    {
        var result = await RunAsync("migrate", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=2");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("migrate:");
    }

    [Test]
    public async Task A_failing_script_exits_non_zero_and_leaves_its_changes_rolled_back()
    {
        var database = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.ExecuteAsync("create table ux_users_display_name (x int)");

        var result = await RunAsync("migrate", "--connection", database);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain($"applying {DatabaseMigrator.Scripts[0]} ...");
        result.Error.ShouldContain($"{DatabaseMigrator.Scripts[0]} failed and was rolled back");
        (await connection.ExecuteScalarAsync<bool>("select to_regclass('public.users') is not null")).ShouldBeFalse();
    }

    [Test]
    public async Task Unknown_arguments_are_a_usage_error()
    {
        var result = await RunAsync("migrate", "--frobnicate");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("usage: migrate");
    }

    private static Task<WebProcess.Result> RunAsync(params string[] args) => WebProcess.RunAsync(null, args);
}
