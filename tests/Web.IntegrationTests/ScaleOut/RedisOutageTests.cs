using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Redis stopped under two instances: each keeps delivering to the connections it holds (new ones included),
/// says so in its log, and cross-instance delivery comes back by itself once Redis is up again.
/// </summary>
[NonParallelizable]
public sealed class RedisOutageTests
{
    private const int A = 0;
    private const int B = 1;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    private ScaleOutCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await ScaleOutCluster.StartAsync(instances: 2);

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task Users_on_one_instance_keep_chatting_while_redis_is_down_and_the_other_instance_hears_them_again_once_it_is_back()
    {
        var alice = await _cluster.LoginAsync(A, "alice");
        var bob = await _cluster.LoginAsync(A, "bob");
        var carol = await _cluster.LoginAsync(B, "carol");
        var dave = await _cluster.LoginAsync(A, "dave");
        var channel = await alice.CreateChannelAsync("outage");
        foreach (var member in new[] { bob, carol, dave })
        {
            await member.JoinOkAsync(channel);
        }

        await using var aliceHub = await _cluster.ConnectChatAsync(A, alice);
        await using var bobHub = await _cluster.ConnectChatAsync(A, bob);
        await using var carolHub = await _cluster.ConnectChatAsync(B, carol);
        await aliceHub.SendAsync(channel, "before");
        await carolHub.NextAsync("MessageReceived", ChatTestKit.WithText("before"));

        await _cluster.Redis.StopAsync();
        await _cluster.EventuallyAsync(
            () => Task.FromResult(_cluster.Instances[A].Output.Contains("cross-instance delivery is paused", StringComparison.Ordinal)),
            Recovery, "instance A logging that cross-instance delivery is paused");

        // Same instance: delivered at once, to a connection made during the outage too.
        await using var daveHub = await _cluster.ConnectChatAsync(A, dave);
        await aliceHub.SendAsync(channel, "during");
        await bobHub.NextAsync("MessageReceived", ChatTestKit.WithText("during"));
        await daveHub.NextAsync("MessageReceived", ChatTestKit.WithText("during"));

        await _cluster.Redis.RestartAsync();

        // Back by itself: A's message reaches carol on B, and carol's reaches dave, who connected while Redis was down.
        await HeardAcrossAsync(channel, aliceHub, carolHub, "A to B");
        await HeardAcrossAsync(channel, carolHub, daveHub, "B to A");
    }

    /// <summary>Sends numbered messages from <paramref name="sender"/> until <paramref name="listener"/> hears one.</summary>
    private async Task HeardAcrossAsync(Guid channel, HubClient sender, HubClient listener, string what)
    {
        var attempt = 0;
        await _cluster.EventuallyAsync(
            async () =>
            {
                var text = $"{what} #{++attempt}";
                await sender.SendAsync(channel, text);
                try
                {
                    await listener.NextAsync("MessageReceived", ChatTestKit.WithText(text), TimeSpan.FromMilliseconds(500));
                    return true;
                }
                catch (TimeoutException)
                {
                    return false;
                }
            },
            Recovery,
            $"a message {what} after Redis came back");
    }
}
