using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// A <see cref="ScaleOutCluster"/> (real app processes on one migrated PostgreSQL database and one throwaway
/// Redis) with the reverse proxy of <c>deploy/Proxy</c> (its own process, from its own build output) in front of
/// them: the deployment <c>scripts/cluster.sh</c> makes, on free loopback ports. Instance <c>i</c> (0-based) is the
/// proxy's destination <c>instance{i+1}</c>, which its <c>X-Served-By</c> header names.
/// </summary>
public sealed class ProxiedInstances : IAsyncDisposable
{
    public const string ServedByHeader = "X-Served-By";

    private readonly ScaleOutCluster _cluster;
    private readonly List<RunningWebProcess> _proxies = [];
    private readonly string _destinations;

    private ProxiedInstances(ScaleOutCluster cluster)
    {
        _cluster = cluster;
        Instances = [.. cluster.Instances];
        _destinations = string.Join(',', cluster.Instances.Select(instance => instance.BaseAddress.ToString()));
    }

    public RedisTestServer Redis => _cluster.Redis;

    /// <summary>The app processes; null once killed.</summary>
    public RunningWebProcess?[] Instances { get; }

    /// <summary>The proxy the fixture started first (the deployed configuration).</summary>
    public RunningWebProcess Proxy => _proxies[0];

    /// <summary>
    /// Starts <paramref name="count"/> instances (with <paramref name="appSettings"/> on top of the scale-out
    /// ones) and the proxy. The instances trust the proxy's forwarded headers (it connects from 127.0.0.1).
    /// </summary>
    public static async Task<ProxiedInstances> StartAsync(int count, IReadOnlyDictionary<string, string>? appSettings = null)
    {
        var settings = new Dictionary<string, string> { ["ForwardedHeaders__KnownProxies"] = "127.0.0.1" };
        foreach (var (key, value) in appSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var proxied = new ProxiedInstances(await ScaleOutCluster.StartAsync(count, settings));
        try
        {
            await proxied.StartProxyAsync();
        }
        catch
        {
            await proxied.DisposeAsync();
            throw;
        }

        return proxied;
    }

    /// <summary>
    /// Another proxy in front of the same instances: the deployed configuration with <paramref name="overrides"/>
    /// (YARP's own keys, <c>ReverseProxy__Clusters__app__…</c>) on top. Health is probed every second here.
    /// </summary>
    public async Task<RunningWebProcess> StartProxyAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Proxy__Destinations"] = _destinations,
            ["ReverseProxy__Clusters__app__HealthCheck__Active__Interval"] = "00:00:01",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var directory = ProxyBuild.Directory;
        var proxy = await RunningWebProcess.StartAsync(Path.Combine(directory, ProxyBuild.Assembly), directory, settings);
        _proxies.Add(proxy);
        return proxy;
    }

    /// <summary>Kills instance <paramref name="index"/> as a crash would.</summary>
    public async Task KillAsync(int index)
    {
        var instance = Instances[index] ?? throw new InvalidOperationException($"instance {index} is already dead");
        Instances[index] = null;
        await instance.DisposeAsync();
    }

    /// <summary>
    /// The proxy's destination id of instance <paramref name="index"/>: the instance's own name
    /// (<see cref="ScaleOutCluster.InstanceIdOf"/>), so logs, Redis and X-Served-By agree.
    /// </summary>
    public static string DestinationOf(int index) => ScaleOutCluster.InstanceIdOf(index);

    /// <summary>Which instance answered, as the proxy says.</summary>
    public static string ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ServedByHeader, out var values)
            ? values.Single()
            : throw new InvalidOperationException($"the answer ({(int)response.StatusCode}) has no {ServedByHeader} header: it did not come through the proxy");

    /// <summary>An HTTP client of the proxy that keeps no cookies: every request is balanced afresh.</summary>
    public HttpClient Client(RunningWebProcess? proxy = null) =>
        new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = (proxy ?? Proxy).BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// An HTTP client whose connections leave from <paramref name="localAddress"/> (any 127.x.y.z is this machine):
    /// to the proxy and the app, a client at another address.
    /// </summary>
    public static HttpClient ClientFrom(IPAddress localAddress, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Logs in through dev-login, through the proxy.</summary>
    public Task<ApiClient> LoginAsync(string login) => ApiClient.LoginAsync(Client(), login);

    /// <summary>
    /// A SignalR connection through <paramref name="proxy"/> as a deployed client makes it: negotiate first, then
    /// <paramref name="transport"/>, with the cookies in <paramref name="cookies"/> (where the affinity cookie lands).
    /// It reconnects every half second when its connection drops.
    /// </summary>
    public static HubConnection Hub(RunningWebProcess proxy, ApiClient user, string path, HttpTransportType transport, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(proxy.BaseAddress, path), options =>
            {
                options.Transports = transport;
                options.Cookies = cookies;
                options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
            })
            .WithAutomaticReconnect(Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 120).ToArray())
            .Build();

    /// <summary>
    /// Negotiates (as the SignalR client's first request does) with <paramref name="cookies"/> and says which
    /// instance answered; the proxy's affinity cookie for the hubs lands in <paramref name="cookies"/>.
    /// </summary>
    public static async Task<string> NegotiateAsync(RunningWebProcess proxy, ApiClient user, string path, CookieContainer cookies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = proxy.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return ServedBy(response);
    }

    /// <summary>
    /// Asks <c>/health/ready</c> through <paramref name="http"/> (each answer must be 200) until
    /// <paramref name="count"/> different instances have answered (30 s at most); returns them.
    /// </summary>
    public static async Task<HashSet<string>> AnsweringInstancesAsync(HttpClient http, int count)
    {
        var servedBy = new HashSet<string>();
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await http.GetAsync("/health/ready");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            servedBy.Add(ServedBy(response));
            return servedBy.Count == count;
        }, $"{count} instances answer through the address (seen: {string.Join(", ", servedBy)})");
        return servedBy;
    }

    /// <summary>The proxies' and every instance's console output (a killed one's up to its death), for failure messages.</summary>
    public string Output =>
        string.Join('\n', _proxies.Select((proxy, index) => $"--- proxy {index} ---\n{proxy.Output}").Append(_cluster.Output));

    /// <summary>Stops the proxies, then the cluster (every instance, killed ones included, and Redis).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var proxy in _proxies)
            {
                await proxy.DisposeAsync();
            }
        }
        finally
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Where the build put the proxy (deploy/Proxy/bin/&lt;the tests' configuration&gt;/net10.0).</summary>
public static class ProxyBuild
{
    public const string Assembly = "Transcendence.Proxy.dll";

    public static string Directory { get; } = Find();

    private static string Find()
    {
        var target = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = target.Parent!.Name;
        var directory = Path.Combine(Repository.Root, "deploy", "Proxy", "bin", configuration, target.Name);
        return File.Exists(Path.Combine(directory, Assembly))
            ? directory
            : throw new InvalidOperationException(
                $"the proxy is not built at {directory}: build it with 'dotnet build deploy/Proxy -c {configuration}' " +
                "(building tests/Web.IntegrationTests builds it too)");
    }
}
