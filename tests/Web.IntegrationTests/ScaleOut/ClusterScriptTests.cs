using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// The README's one command for several instances: <c>scripts/cluster.sh up 2</c> starts PostgreSQL, Redis, two
/// instances and the proxy, the address answers from both instances, <c>status</c> says so, and <c>down</c> stops
/// it all. The builds the tests already have stand in for the published ones (CLUSTER_APP_DIR, CLUSTER_PROXY_DIR).
/// </summary>
[NonParallelizable]
public sealed class ClusterScriptTests
{
    [Test]
    public async Task Up_2_answers_on_one_address_from_both_instances_and_down_stops_everything()
    {
        var address = FreePorts(1);
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_DIR"] = Path.Combine(Path.GetTempPath(), $"transcendence-cluster-{Guid.NewGuid():N}"),
            ["CLUSTER_PORT"] = Text(address),
            ["CLUSTER_APP_PORT"] = Text(FreePorts(2)),
            ["CLUSTER_PG_PORT"] = Text(FreePorts(1)),
            ["CLUSTER_REDIS_PORT"] = Text(FreePorts(1)),
            ["CLUSTER_APP_DIR"] = AppContext.BaseDirectory,
            ["CLUSTER_PROXY_DIR"] = ProxyBuild.Directory,
        };
        try
        {
            var up = await Script.RunAsync("cluster.sh", environment, "up", "2");
            up.ExitCode.ShouldBe(0, up.Output);

            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{address}") };
            await ProxiedInstances.AnsweringInstancesAsync(http, 2);
            var status = await Script.RunAsync("cluster.sh", environment, "status");
            status.ExitCode.ShouldBe(0, status.Output);

            var down = await Script.RunAsync("cluster.sh", environment, "down");

            down.ExitCode.ShouldBe(0, down.Output);
            await Should.ThrowAsync<HttpRequestException>(() => http.GetAsync("/health/live"));
            var after = await Script.RunAsync("cluster.sh", environment, "status");
            after.ExitCode.ShouldBe(3, after.Output);
        }
        finally
        {
            await Script.RunAsync("cluster.sh", environment, "destroy");
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports.</summary>
    private static int FreePorts(int count)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var first = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (first + count <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
