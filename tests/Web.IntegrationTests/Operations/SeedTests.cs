using System.Net;
using Dapper;
using Npgsql;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>Demo data: the <c>seed</c> command on PostgreSQL (as a process), and <c>Seed:Demo</c> at start-up on either store.</summary>
public sealed class SeedTests
{
    [Test]
    public async Task Seed_fills_postgres_with_demo_data_and_a_second_run_adds_nothing()
    {
        var database = await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = database,
            ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey,
        };

        var first = await WebProcess.RunAsync(environment, "seed");
        var counts = await CountsAsync(database);
        var second = await WebProcess.RunAsync(environment, "seed");

        first.ExitCode.ShouldBe(0, first.Error + first.Output);
        first.Output.ShouldContain("seeded: 6 users, 3 channels, 10 messages, 6 matches");
        counts.ShouldBe(new[] { 6L, 4L, 10L, 6L });
        second.ExitCode.ShouldBe(0, second.Error + second.Output);
        (await CountsAsync(database)).ShouldBe(counts);
    }

    [Test]
    public async Task Seed_on_the_in_memory_store_is_a_usage_error_that_names_the_startup_switch()
    {
        var result = await WebProcess.RunAsync(new Dictionary<string, string> { ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey }, "seed");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Seed:Demo=true");
    }

    [TestCase(StorageProvider.InMemory)]
    [TestCase(StorageProvider.Postgres)]
    public async Task With_seed_demo_the_app_starts_with_users_channels_messages_and_ratings(StorageProvider provider)
    {
        await using var app = await TranscendenceApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Seed:Demo"] = "true" });
        var ada = await ApiClient.LoginAsync(app, "ada");

        var friends = await (await ada.Http.GetAsync("/api/users/me/friends")).ReadJsonAsync(HttpStatusCode.OK);
        friends["friends"]!.AsArray().Select(f => f!["displayName"]!.GetValue<string>()).ShouldBe(["grace", "linus"], ignoreOrder: true);
        var mine = await (await ada.Http.GetAsync("/api/channels/mine")).ReadJsonAsync(HttpStatusCode.OK);
        var general = mine.AsArray().Single(c => c!["name"]?.GetValue<string>() == "general")!;
        var history = await (await ada.Http.GetAsync($"/api/channels/{general["id"]}/messages")).ReadJsonAsync(HttpStatusCode.OK);
        history.AsArray().Count.ShouldBe(5);
        var me = await (await ada.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["stats"]!["wins"]!.GetValue<int>().ShouldBe(2);
        me["stats"]!["losses"]!.GetValue<int>().ShouldBe(1);
    }

    private static async Task<long[]> CountsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        return
        [
            await connection.ExecuteScalarAsync<long>("select count(*) from users"),
            await connection.ExecuteScalarAsync<long>("select count(*) from channels"),
            await connection.ExecuteScalarAsync<long>("select count(*) from messages"),
            await connection.ExecuteScalarAsync<long>("select count(*) from matches"),
        ];
    }
}
