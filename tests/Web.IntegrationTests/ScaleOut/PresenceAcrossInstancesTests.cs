using System.Net;
using System.Text.Json.Nodes;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Three app processes on one PostgreSQL and one Redis (issue 15, "presence across instances"): a user is online
/// while any instance holds a connection of theirs, friends anywhere hear one <c>PresenceChanged</c> per real
/// change, and the users of an instance that dies go offline within its presence lease and a beat.
/// </summary>
[NonParallelizable]
public sealed class PresenceAcrossInstancesTests
{
    private const int A = 0;
    private const int B = 1;
    private const int Doomed = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ScaleOutCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await ScaleOutCluster.StartAsync(
        instances: 3,
        // Bound: a killed instance's users go offline within a lease time and a third (about 3 s here).
        new Dictionary<string, string> { ["ScaleOut__LeaseTtl"] = "00:00:02" });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task A_user_on_two_instances_stays_online_until_both_close_and_a_friend_on_the_other_hears_one_online_and_one_offline()
    {
        var alice = await _cluster.LoginAsync(A, Unique("alice"));
        var carol = await _cluster.LoginAsync(B, Unique("carol"));
        await ChatTestKit.BefriendAsync(alice, carol);
        await using var carolHub = await _cluster.ConnectChatAsync(B, carol);
        bool AboutAlice(JsonNode e) => e["userId"]!.GetValue<string>() == alice.UserId.ToString();

        var onA = await _cluster.ConnectChatAsync(A, alice);
        (await carolHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("online");
        var onB = await _cluster.ConnectChatAsync(B, alice);
        (await StatusOfAsync(carol, alice.UserId)).ShouldBe("online");

        // A closes; B still holds her: no change anywhere, on either instance's answer.
        await onA.DisposeAsync();
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged", AboutAlice);
        (await StatusOfAsync(carol, alice.UserId)).ShouldBe("online");
        (await StatusOfAsync(await _cluster.LoginAsync(A, Unique("viewer")), alice.UserId)).ShouldBe("online");

        await onB.DisposeAsync();
        (await carolHub.NextAsync("PresenceChanged", AboutAlice))["status"]!.GetValue<string>().ShouldBe("offline");
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged", AboutAlice);
        (await StatusOfAsync(carol, alice.UserId)).ShouldBe("offline");
    }

    [Test]
    public async Task The_users_of_a_killed_instance_go_offline_within_its_lease_and_friends_hear_it_once()
    {
        var bob = await _cluster.LoginAsync(A, Unique("bob"));
        var dave = await _cluster.LoginAsync(A, Unique("dave"));
        var carol = await _cluster.LoginAsync(A, Unique("carol"));
        await ChatTestKit.BefriendAsync(bob, carol);
        await ChatTestKit.BefriendAsync(dave, carol);
        await using var carolHub = await _cluster.ConnectChatAsync(A, carol);
        bool About(ApiClient user, JsonNode e) => e["userId"]!.GetValue<string>() == user.UserId.ToString();

        // Bob is only on the doomed instance; dave is on it and on B.
        var bobHub = await _cluster.ConnectChatAsync(Doomed, bob);
        var daveOnDoomed = await _cluster.ConnectChatAsync(Doomed, dave);
        await using var daveOnB = await _cluster.ConnectChatAsync(B, dave);
        // Two users arriving: their two changes may reach carol in either order (each is told on its own).
        var arrivals = new[]
        {
            await carolHub.NextAsync("PresenceChanged", e => About(bob, e) || About(dave, e)),
            await carolHub.NextAsync("PresenceChanged", e => About(bob, e) || About(dave, e)),
        };
        arrivals.Select(e => (e["userId"]!.GetValue<string>(), e["status"]!.GetValue<string>()))
            .ShouldBe([(bob.UserId.ToString(), "online"), (dave.UserId.ToString(), "online")], ignoreOrder: true);

        await _cluster.KillAsync(Doomed);

        await _cluster.EventuallyAsync(
            async () => await StatusOfAsync(carol, bob.UserId) == "offline", Patience, "the killed instance's user goes offline");
        (await carolHub.NextAsync("PresenceChanged", e => About(bob, e)))["status"]!.GetValue<string>().ShouldBe("offline");
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged", e => About(bob, e));
        await carolHub.ShouldReceiveNoneAsync("PresenceChanged", e => About(dave, e));
        (await StatusOfAsync(carol, dave.UserId)).ShouldBe("online", "another instance still holds dave");
        await bobHub.DisposeAsync();
        await daveOnDoomed.DisposeAsync();
    }

    [Test]
    public async Task After_Redis_was_stopped_and_started_empty_each_instance_shows_again_whom_it_holds_and_nobody_stays_online()
    {
        var alice = await _cluster.LoginAsync(A, Unique("alice"));
        var dave = await _cluster.LoginAsync(A, Unique("dave"));
        var carol = await _cluster.LoginAsync(B, Unique("carol"));
        var aliceHub = await _cluster.ConnectChatAsync(A, alice);
        await using var carolHub = await _cluster.ConnectChatAsync(B, carol);
        await _cluster.EventuallyAsync(
            async () => await StatusOfAsync(carol, alice.UserId) == "online", Patience, "B sees alice on A online");

        await _cluster.Redis.StopAsync();
        await _cluster.EventuallyAsync(
            () => Task.FromResult(_cluster.Instances[A].Output.Contains("Redis connection lost", StringComparison.Ordinal)),
            Patience, "instance A noticing Redis is gone");

        // During the outage alice leaves and dave arrives, both on A; A answers from what it holds.
        await aliceHub.DisposeAsync();
        await using var daveHub = await _cluster.ConnectChatAsync(A, dave);
        (await StatusOfAsync(alice, dave.UserId)).ShouldBe("online");

        await _cluster.Redis.RestartAsync();

        // Redis came back with nothing: every instance writes its part again and reads the whole picture.
        await _cluster.EventuallyAsync(
            async () => await StatusOfAsync(carol, dave.UserId) == "online"
                && await StatusOfAsync(carol, alice.UserId) == "offline"
                && await StatusOfAsync(alice, carol.UserId) == "online",
            Patience, "after Redis is back, B shows dave (held by A) online and alice offline, and A shows carol (held by B) online");
    }

    private static async Task<string> StatusOfAsync(ApiClient viewer, Guid userId) =>
        (await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();

    private static string Unique(string name) => $"{name}{Guid.NewGuid():N}"[..16];
}
