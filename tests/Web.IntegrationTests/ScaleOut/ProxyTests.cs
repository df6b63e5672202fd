using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// One address for several instances: the proxy of deploy/Proxy in front of two real app processes on one
/// PostgreSQL and one Redis. Requests are spread, a SignalR connection stays on the instance it negotiated with
/// (on every transport), the client's own address reaches the app, and a dead instance is taken out.
/// </summary>
[NonParallelizable]
public sealed class ProxyTests
{
    private const string ChatHub = "/hubs/chat";

    private ProxiedInstances _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() =>
        // One OAuth login start per client address and instance (in a window longer than the fixture): the
        // client address is what the limiter sees.
        _cluster = await ProxiedInstances.StartAsync(2, new Dictionary<string, string>
        {
            ["Auth__RateLimits__Login__PermitLimit"] = "1",
            ["Auth__RateLimits__Login__Window"] = "01:00:00",
        });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task Http_requests_through_the_proxy_reach_both_instances()
    {
        using var http = _cluster.Client();

        var servedBy = await ProxiedInstances.AnsweringInstancesAsync(http, 2);

        servedBy.ShouldBe([ProxiedInstances.DestinationOf(0), ProxiedInstances.DestinationOf(1)], ignoreOrder: true, _cluster.Output);
    }

    [Test]
    public async Task Requests_carrying_the_affinity_cookie_all_reach_the_instance_that_set_it()
    {
        var user = await _cluster.LoginAsync("sticky");
        var cookies = new CookieContainer();

        var first = await ProxiedInstances.NegotiateAsync(_cluster.Proxy, user, ChatHub, cookies);
        var next = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            next.Add(await ProxiedInstances.NegotiateAsync(_cluster.Proxy, user, ChatHub, cookies));
        }

        cookies.GetCookies(_cluster.Proxy.BaseAddress).ShouldBeEmpty("the affinity cookie belongs to /hubs only: API requests stay balanced");
        cookies.GetCookies(new Uri(_cluster.Proxy.BaseAddress, ChatHub)).Select(cookie => cookie.Name).ShouldContain("transcendence-instance");
        next.ShouldAllBe(servedBy => servedBy == first);
    }

    [TestCase(HttpTransportType.WebSockets)]
    [TestCase(HttpTransportType.ServerSentEvents)]
    [TestCase(HttpTransportType.LongPolling)]
    public async Task A_hub_client_that_negotiates_through_the_proxy_connects_and_its_calls_and_events_work(HttpTransportType transport)
    {
        var user = await _cluster.LoginAsync($"negotiator-{transport}".ToLowerInvariant()[..20]);
        var channelId = await user.CreateChannelAsync($"proxied-{(int)transport}");
        await using var hub = ProxiedInstances.Hub(_cluster.Proxy, user, ChatHub, transport, new CookieContainer());
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("MessageReceived", message => received.TrySetResult(message));

        await hub.StartAsync();
        var sent = await hub.InvokeAsync<JsonElement>("SendMessage", channelId, "through the proxy", Guid.NewGuid().ToString("N"));

        sent.GetProperty("messageId").GetGuid().ShouldNotBe(Guid.Empty);
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        message.GetProperty("text").GetString().ShouldBe("through the proxy");
        (await user.HistoryAsync(channelId)).Select(m => m!["text"]!.GetValue<string>()).ShouldContain("through the proxy");
        hub.State.ShouldBe(HubConnectionState.Connected);
    }

    [Test]
    public async Task Without_affinity_a_long_polling_client_cannot_connect_through_a_balancing_proxy()
    {
        // Why the affinity is there: round robin without it sends the first poll to the instance that did not negotiate.
        var scattering = await _cluster.StartProxyAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__app__SessionAffinity__Enabled"] = "false",
            ["ReverseProxy__Clusters__app__LoadBalancingPolicy"] = "RoundRobin",
        });
        var user = await _cluster.LoginAsync("scattered");
        await using var hub = ProxiedInstances.Hub(scattering, user, ChatHub, HttpTransportType.LongPolling, new CookieContainer());

        await Should.ThrowAsync<Exception>(() => hub.StartAsync());
    }

    [Test]
    public async Task The_client_address_reaches_the_app_through_the_proxy_and_a_forged_one_does_not()
    {
        // The limiter allows one OAuth login start per client address on each instance: a second from the same
        // address on the same instance is refused, a first from another address is not.
        using var alice = ProxiedInstances.ClientFrom(IPAddress.Parse("127.0.0.2"), _cluster.Proxy.BaseAddress);
        using var bob = ProxiedInstances.ClientFrom(IPAddress.Parse("127.0.0.3"), _cluster.Proxy.BaseAddress);

        var aliceAnswers = await LoginStartsOnEachInstanceAsync(alice, forgedFor: null, perInstance: 2);
        var aliceForging = await LoginStartsOnEachInstanceAsync(alice, forgedFor: "203.0.113.7", perInstance: 1);
        var bobAnswers = await LoginStartsOnEachInstanceAsync(bob, forgedFor: null, perInstance: 1);

        foreach (var (instance, statuses) in aliceAnswers)
        {
            statuses[0].ShouldNotBe(HttpStatusCode.TooManyRequests, $"alice's first on {instance}");
            statuses[1].ShouldBe(HttpStatusCode.TooManyRequests, $"alice's second on {instance}");
        }

        aliceForging.Values.ShouldAllBe(statuses => statuses[0] == HttpStatusCode.TooManyRequests, "the proxy replaces a forwarded address the client sent");
        bobAnswers.Values.ShouldAllBe(statuses => statuses[0] != HttpStatusCode.TooManyRequests, "bob is another client");
    }

    [Test]
    public async Task Forwarded_headers_sent_straight_to_an_instance_are_not_believed()
    {
        var instance = _cluster.Instances[0]!.BaseAddress;
        using var direct = ProxiedInstances.ClientFrom(IPAddress.Parse("127.0.0.4"), instance);

        var first = await LoginStartAsync(direct, "203.0.113.1");
        var second = await LoginStartAsync(direct, "203.0.113.2");

        first.ShouldNotBe(HttpStatusCode.TooManyRequests);
        second.ShouldBe(HttpStatusCode.TooManyRequests, "only the proxy (127.0.0.1) may say who the client is");
    }

    /// <summary>
    /// Sends OAuth login starts from <paramref name="client"/> until each instance has answered
    /// <paramref name="perInstance"/> of them; returns each instance's statuses in order.
    /// </summary>
    private static async Task<Dictionary<string, List<HttpStatusCode>>> LoginStartsOnEachInstanceAsync(HttpClient client, string? forgedFor, int perInstance)
    {
        var answers = new Dictionary<string, List<HttpStatusCode>>();
        await Eventually.HoldsAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/login");
            if (forgedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forgedFor);
            }

            using var response = await client.SendAsync(request);
            var servedBy = ProxiedInstances.ServedBy(response);
            var statuses = answers.TryGetValue(servedBy, out var list) ? list : answers[servedBy] = [];
            statuses.Add(response.StatusCode);
            return answers.Count == 2 && answers.Values.All(s => s.Count >= perInstance);
        }, $"{perInstance} request(s) reach each instance");
        return answers;
    }

    private static async Task<HttpStatusCode> LoginStartAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/login");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
