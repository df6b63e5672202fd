using StackExchange.Redis;
using Transcendence.TestSupport;
using Transcendence.Web.Hosting;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// Two real app processes on one PostgreSQL database and one Redis: exactly one runs the restriction sweeper
/// (the operator sees it on <c>/metrics</c>, in the log, and in Redis), and when that process is killed
/// (SIGKILL: no release) the other takes over once the lease expires.
/// </summary>
public sealed class SweeperLeaseProcessTests
{
    private const string Metric = "transcendence_lease_held";
    private const string Label = $"transcendence_lease=\"{RestrictionSweeper.LeaseName}\"";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Of_two_instances_exactly_one_sweeps_and_the_other_takes_over_when_it_is_killed()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["ScaleOut__LeaseTtl"] = "00:00:02",
            ["Telemetry__Prometheus__Enabled"] = "true",
        });
        using var watcher = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var lease = (RedisKey)$"transcendence:lease:{RestrictionSweeper.LeaseName}";
        var running = Enumerable.Range(0, cluster.Instances.Count).ToDictionary(ScaleOutCluster.InstanceIdOf, index => cluster.Instances[index]);

        var holder = (await Eventually.ReadAsync(
            async () => (string?)await watcher.GetDatabase().StringGetAsync(lease), id => id is not null, "an instance holds the lease", Patience))!;
        var other = running.Keys.Single(id => id != holder);
        // Both were trying before either answered /health/live; two renewals later the other has tried again too.
        await Eventually.RenewedAsync(watcher.GetDatabase(), lease, times: 2);
        (await HeldAsync(running[holder])).ShouldBe(1);
        (await HeldAsync(running[other])).ShouldBe(0);
        running[holder].Output.ShouldContain($"Instance {holder} holds the lease {RestrictionSweeper.LeaseName}");
        running[other].Output.ShouldNotContain("holds the lease");

        await running[holder].DisposeAsync();

        await Eventually.HoldsAsync(async () => await HeldAsync(running[other]) == 1, "the other instance takes the lease over", Patience);
        ((string?)await watcher.GetDatabase().StringGetAsync(lease)).ShouldBe(other);
        running[other].Output.ShouldContain($"Instance {other} holds the lease {RestrictionSweeper.LeaseName}");
    }

    private static async Task<double> HeldAsync(RunningWebProcess process)
    {
        using var client = process.CreateClient();
        return (await PrometheusScrape.ReadAsync(client)).Sum(Metric, Label);
    }
}
