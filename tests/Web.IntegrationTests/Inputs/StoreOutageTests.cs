using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Inputs;

/// <summary>
/// The app on PostgreSQL reached through a relay that the test cuts: what clients see while the store is
/// down is <c>unavailable</c> (503 with Retry-After, hub <c>unavailable: …</c>), never <c>internal</c>.
/// </summary>
public sealed class StoreOutageTests
{
    private TcpRelay _relay = null!;
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp()
    {
        var database = new NpgsqlConnectionStringBuilder(await PostgresTestServer.Instance.CreateMigratedDatabaseAsync());
        _relay = TcpRelay.InFrontOf(database);
        database.Timeout = 3;
        _app = await TranscendenceApp.StartAsync(StorageProvider.Postgres, database.ConnectionString);
    }

    [TearDown]
    public async Task StopApp()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Test]
    public async Task While_the_store_is_down_REST_answers_503_unavailable_with_retry_after_and_hubs_unavailable()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channelId = await alice.CreateChannelAsync("lounge");
        await using var hub = await _app.ConnectChatAsync(alice);

        _relay.Cut();

        var response = await alice.Http.GetAsync("/api/users/me");
        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));

        var rename = await alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "alice2" });
        await rename.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");

        await hub.SendAsync(channelId, "anyone there?").ShouldBeRefusedAsync("unavailable");
    }
}
