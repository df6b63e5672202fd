using Npgsql;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>
/// What a chat message costs PostgreSQL, counted on the wire between the app and the database: at most
/// two round trips (everything the post reads, then the insert), with no transaction around them.
/// </summary>
public sealed class ChatRoundTripTests
{
    private readonly PostgresRoundTripCounter _roundTrips = new();
    private TcpRelay _relay = null!;
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp()
    {
        var database = new NpgsqlConnectionStringBuilder(await PostgresTestServer.Instance.CreateMigratedDatabaseAsync());
        _relay = TcpRelay.InFrontOf(database, _roundTrips.Tap);
        database.SslMode = SslMode.Disable;
        database.GssEncryptionMode = GssEncryptionMode.Disable;
        _app = await TranscendenceApp.StartAsync(StorageProvider.Postgres, database.ConnectionString);
    }

    [TearDown]
    public async Task StopApp()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Test]
    public async Task A_message_to_a_ten_member_channel_costs_at_most_two_round_trips()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var channel = await alice.CreateChannelAsync("general");
        var members = new List<ApiClient>();
        for (var i = 0; i < 9; i++)
        {
            var member = await ApiClient.LoginAsync(_app, $"member{i}");
            await member.JoinOkAsync(channel);
            members.Add(member);
        }

        await members[0].BlockAsync(alice);
        await using var aliceHub = await _app.ConnectChatAsync(alice);
        await using var listener = await _app.ConnectChatAsync(members[1]);
        await aliceHub.SendAsync(channel, "warm-up");
        await listener.NextAsync("MessageReceived", ChatTestKit.WithText("warm-up"));

        for (var i = 0; i < 5; i++)
        {
            var before = _roundTrips.Count;
            await aliceHub.SendAsync(channel, $"message {i}");
            await listener.NextAsync("MessageReceived", ChatTestKit.WithText($"message {i}"));

            (_roundTrips.Count - before).ShouldBeLessThanOrEqualTo(2, $"round trips for message {i}");
        }
    }

    [Test]
    public async Task A_direct_message_costs_at_most_two_round_trips_and_a_repeat_one()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var direct = await alice.OpenDirectAsync(bob);
        await using var aliceHub = await _app.ConnectChatAsync(alice);
        await using var bobHub = await _app.ConnectChatAsync(bob);
        await aliceHub.SendAsync(direct, "warm-up");
        await bobHub.NextAsync("MessageReceived", ChatTestKit.WithText("warm-up"));

        var beforeSend = _roundTrips.Count;
        var sent = await aliceHub.SendAsync(direct, "hello bob", "c-1");
        await bobHub.NextAsync("MessageReceived", ChatTestKit.WithText("hello bob"));
        var send = _roundTrips.Count - beforeSend;

        var beforeRepeat = _roundTrips.Count;
        var repeated = await aliceHub.SendAsync(direct, "hello bob", "c-1");
        var repeat = _roundTrips.Count - beforeRepeat;

        repeated["messageId"]!.GetValue<string>().ShouldBe(sent["messageId"]!.GetValue<string>());
        send.ShouldBeLessThanOrEqualTo(2);
        repeat.ShouldBe(1);
    }
}
