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
        await using var redis = await RedisTestServer.StartAsync();
        var database = await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        using var watcher = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var lease = (RedisKey)$"transcendence:lease:{RestrictionSweeper.LeaseName}";
        var running = new Dictionary<string, RunningWebProcess>();
        try
        {
            foreach (var id in (string[])["first", "second"])
            {
                running[id] = await RunningWebProcess.StartAsync(new Dictionary<string, string>
                {
                    ["Storage__Provider"] = "Postgres",
                    ["ConnectionStrings__Postgres"] = database,
                    ["ConnectionStrings__Redis"] = redis.ConnectionString,
                    ["ScaleOut__InstanceId"] = id,
                    ["ScaleOut__LeaseTtl"] = "00:00:02",
                    ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey,
                    ["Telemetry__Prometheus__Enabled"] = "true",
                });
            }

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
            running.Remove(holder);

            await Eventually.HoldsAsync(async () => await HeldAsync(running[other]) == 1, "the other instance takes the lease over", Patience);
            ((string?)await watcher.GetDatabase().StringGetAsync(lease)).ShouldBe(other);
            running[other].Output.ShouldContain($"Instance {other} holds the lease {RestrictionSweeper.LeaseName}");
        }
        finally
        {
            foreach (var process in running.Values)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<double> HeldAsync(RunningWebProcess process)
    {
        using var client = process.CreateClient();
        return (await PrometheusScrape.ReadAsync(client)).Sum(Metric, Label);
    }
}
