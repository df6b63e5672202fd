using Microsoft.Extensions.Diagnostics.HealthChecks;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Web.Composition;

/// <summary>Ready when the store answers a real query.</summary>
internal sealed class StoreHealthCheck(IStoreProbe store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store did not answer", ex);
        }
    }
}
