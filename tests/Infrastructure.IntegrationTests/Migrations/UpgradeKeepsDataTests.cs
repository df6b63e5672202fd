using Dapper;
using Npgsql;
using Transcendence.Infrastructure.Persistence.Migrations;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Migrations;

/// <summary>
/// For every script: a database at the script before it, holding rows, is upgraded to the newest schema
/// and every row reads back unchanged (the columns it had keep their values).
/// </summary>
[TestFixture]
public sealed class UpgradeKeepsDataTests
{
    public static IEnumerable<TestCaseData> Upgrades() =>
        DatabaseMigrator.Scripts.Select((script, index) =>
            new TestCaseData(index == 0 ? null : DatabaseMigrator.Scripts[index - 1], script)
                .SetName($"Upgrading_to_{script}_keeps_existing_rows"));

    [TestCaseSource(nameof(Upgrades))]
    public async Task Upgrading_keeps_existing_rows(string? previous, string next)
    {
        var connectionString = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        if (previous is not null)
        {
            DatabaseMigrator.Migrate(connectionString, upTo: previous).Succeeded.ShouldBeTrue();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var seed in UpgradeSeeds.ByScript.Where(s => previous is not null && string.CompareOrdinal(s.Key, previous) <= 0))
        {
            await connection.ExecuteAsync(seed.Value);
        }

        var before = await SnapshotAsync(connection, columnsOf: null);

        var outcome = DatabaseMigrator.Migrate(connectionString);

        outcome.Error.ShouldBeNull();
        outcome.Applied.ShouldContain(next);
        var after = await SnapshotAsync(connection, columnsOf: before);
        after.ShouldBe(before);
    }

    /// <summary>
    /// The upgrade cases write a script's seed only when a later script exists; this writes every seed on
    /// the newest schema, so the newest script's seed is known to be good before the next script arrives.
    /// </summary>
    [Test]
    public async Task Every_seed_applies_to_the_newest_schema()
    {
        var connectionString = await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var seed in UpgradeSeeds.ByScript.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(seed.Value);
        }

        UpgradeSeeds.ByScript.Keys.ShouldAllBe(script => DatabaseMigrator.Scripts.Contains(script));
    }

    [Test]
    public async Task Every_seed_fits_the_schema_its_script_made()
    {
        // The upgrade test writes a script's seed only once a later script exists; this one writes each
        // seed as soon as its script is applied, so a seed is proven before anything depends on it.
        var connectionString = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var script in DatabaseMigrator.Scripts)
        {
            DatabaseMigrator.Migrate(connectionString, upTo: script).Error.ShouldBeNull();
            if (UpgradeSeeds.ByScript.TryGetValue(script, out var seed))
            {
                await Should.NotThrowAsync(() => connection.ExecuteAsync(seed), $"the seed of {script}");
            }
        }

        UpgradeSeeds.ByScript.Keys.ShouldBeSubsetOf(DatabaseMigrator.Scripts);
    }

    [Test]
    public async Task Every_script_applies_once_and_a_second_run_applies_nothing()
    {
        var connectionString = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();

        DatabaseMigrator.Migrate(connectionString).Applied.ShouldBe(DatabaseMigrator.Scripts);
        DatabaseMigrator.Migrate(connectionString).Applied.ShouldBeEmpty();

        var status = DatabaseMigrator.GetStatus(connectionString);
        status.Applied.ShouldBe(DatabaseMigrator.Scripts);
        status.Pending.ShouldBeEmpty();
    }

    [Test]
    public async Task A_failing_script_is_rolled_back_whole_and_not_journaled()
    {
        var connectionString = await PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The first script creates the users table and then an index of this name: it fails half-way.
        await connection.ExecuteAsync("create table ux_users_display_name (x int)");

        var outcome = DatabaseMigrator.Migrate(connectionString);

        outcome.Succeeded.ShouldBeFalse();
        outcome.FailedScript.ShouldBe(DatabaseMigrator.Scripts[0]);
        (await connection.ExecuteScalarAsync<bool>("select to_regclass('public.users') is not null")).ShouldBeFalse();
        DatabaseMigrator.GetStatus(connectionString).Applied.ShouldBeEmpty();
    }

    /// <summary>Every table's rows as text, restricted to the columns <paramref name="columnsOf"/> had.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(NpgsqlConnection connection, Dictionary<string, string>? columnsOf)
    {
        var tables = await connection.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'schema_versions' order by 1");
        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables.Where(t => columnsOf is null || columnsOf.ContainsKey(t)))
        {
            var columns = columnsOf is null
                ? await connection.QueryAsync<string>(
                    "select column_name from information_schema.columns where table_schema = 'public' and table_name = @table order by ordinal_position",
                    new { table })
                : columnsOf[table].Split('|')[0].Split(',');
            var list = string.Join(",", columns.Select(c => $"\"{c}\""));
            var rows = await connection.ExecuteScalarAsync<string>(
                $"select coalesce(json_agg(r order by r::text), '[]')::text from (select {list} from \"{table}\") r");
            snapshot[table] = $"{string.Join(",", columns)}|{rows}";
        }

        return snapshot;
    }
}
