using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// An instance behind the proxy dies (killed as a crash would): the proxy's health checks take it out, requests
/// go to the other, and a hub client that was on the dead one reconnects, through the same address, to the other.
/// </summary>
[NonParallelizable]
public sealed class ProxyFailoverTests
{
    private const string ChatHub = "/hubs/chat";

    private ProxiedInstances _cluster = null!;

    [SetUp]
    public async Task StartCluster() => _cluster = await ProxiedInstances.StartAsync(2);

    [TearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task When_an_instance_dies_the_proxy_sends_everything_to_the_other_and_hub_clients_reconnect_there()
    {
        var user = await _cluster.LoginAsync("survivor");
        var channelId = await user.CreateChannelAsync("after-the-crash");
        var doomed = ProxiedInstances.DestinationOf(1);
        var cookies = new CookieContainer();
        await Eventually.HoldsAsync(async () =>
        {
            cookies = new CookieContainer();
            return await ProxiedInstances.NegotiateAsync(_cluster.Proxy, user, ChatHub, cookies) == doomed;
        }, "a negotiation lands on the second instance");
        await using var hub = ProxiedInstances.Hub(_cluster.Proxy, user, ChatHub, HttpTransportType.WebSockets, cookies);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        await _cluster.KillAsync(1);

        using var http = _cluster.Client();
        var survivor = ProxiedInstances.DestinationOf(0);
        var answered = 0;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await http.GetAsync("/health/live");
            answered = response.StatusCode == HttpStatusCode.OK && ProxiedInstances.ServedBy(response) == survivor ? answered + 1 : 0;
            return answered == 20;
        }, $"20 requests in a row are answered by the survivor\n{_cluster.Output}");
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = await hub.InvokeAsync<JsonElement>("SendMessage", channelId, "still here", Guid.NewGuid().ToString("N"));
        sent.GetProperty("messageId").GetGuid().ShouldNotBe(Guid.Empty);
    }
}
