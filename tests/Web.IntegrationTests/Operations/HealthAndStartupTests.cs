using System.Net;
using System.Net.Http.Json;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class HealthTests(StorageProvider provider)
{
    [Test]
    public async Task Live_and_ready_answer_healthy_when_the_store_answers()
    {
        await using var app = await TranscendenceApp.StartAsync(provider);
        var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class StartupTests
{
    [Test]
    public async Task Ready_is_unhealthy_while_live_stays_healthy_when_postgres_is_unreachable()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.Postgres,
            connectionString: "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
        var client = app.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [TestCase("")]
    [TestCase("too-short-key")]
    public async Task Outside_development_the_app_refuses_to_start_without_a_strong_signing_key(string key)
    {
        var result = await WebProcess.RunAsync(
            new Dictionary<string, string> { ["Auth__Jwt__SigningKey"] = key, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain("Auth:Jwt:SigningKey must be set to at least 32 bytes");
    }

    [Test]
    public async Task With_logging_json_the_console_writes_one_json_object_per_line()
    {
        var result = await WebProcess.RunAsync(
            new Dictionary<string, string> { ["Logging__Json"] = "true", ["Auth__Jwt__SigningKey"] = "", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        foreach (var line in lines)
        {
            var entry = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            entry["@t"].ShouldNotBeNull(line);
        }

        lines.ShouldContain(line => line.Contains("Auth:Jwt:SigningKey"));
    }

    [Test]
    public async Task In_development_a_missing_key_is_replaced_and_login_still_works()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory, settings: new Dictionary<string, string?> { ["Auth:Jwt:SigningKey"] = "" });

        var user = await ApiClient.LoginAsync(app, "jdoe");

        (await user.Http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Dev_login_does_not_exist_unless_enabled()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory,
            settings: new Dictionary<string, string?> { ["Auth:DevLogin:Enabled"] = "false" },
            environment: "Production");

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/dev-login", new { login = "jdoe" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Users_survive_an_app_restart_on_postgres()
    {
        Guid id;
        string? database;
        await using (var first = await TranscendenceApp.StartAsync(StorageProvider.Postgres))
        {
            var user = await ApiClient.LoginAsync(first, "survivor");
            await user.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "Still-Here" });
            id = user.UserId;
            database = first.ConnectionString;
        }

        await using var second = await TranscendenceApp.StartAsync(StorageProvider.Postgres, database);
        var again = await ApiClient.LoginAsync(second, "survivor");

        again.UserId.ShouldBe(id);
        var me = await (await again.Http.GetAsync("/api/users/me")).ReadJsonAsync(HttpStatusCode.OK);
        me["displayName"]!.GetValue<string>().ShouldBe("Still-Here");
    }

    [Test]
    public async Task Migrate_on_startup_brings_an_empty_database_up_to_date()
    {
        var empty = await TestSupport.PostgresTestServer.Instance.CreateEmptyDatabaseAsync();
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.Postgres, empty, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "true" });

        var user = await ApiClient.LoginAsync(app, "first");

        user.UserId.Version.ShouldBe(7);
        (await app.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
