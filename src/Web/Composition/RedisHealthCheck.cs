using Microsoft.Extensions.Diagnostics.HealthChecks;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Web.Composition;

/// <summary>
/// Scale-out only: Redis answers a PING. When it does not, the instance is <b>Degraded</b> (still 200), not
/// Unhealthy: it keeps serving the connections and requests it holds from the shared PostgreSQL store, and
/// Redis is one for every instance, so failing readiness would take them all out of the load balancer at once
/// and turn a pause of cross-instance delivery into a full outage.
/// </summary>
internal sealed class RedisHealthCheck(RedisScaleOut scaleOut) : IHealthCheck
{
    public const string Unreachable =
        "redis unreachable: this instance serves the connections it holds; delivery to and sharing with the other instances is paused";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!scaleOut.Redis.IsConnected)
        {
            return HealthCheckResult.Degraded(Unreachable);
        }

        try
        {
            await scaleOut.Redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded(Unreachable, ex);
        }
    }
}
