using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Transcendence.Domain.Common;

namespace Transcendence.Web.Hubs;

/// <summary>
/// Bounds every hub method: one token bucket per (user, hub, method), sized by <c>Hubs:RateLimits</c>.
/// An empty bucket refuses the call with <c>rate_limited: … try again in N s</c> (mapped by
/// <see cref="HubErrorFilter"/>, which runs around this one); the connection stays open. The buckets live
/// in a <see cref="PartitionedRateLimiter"/>, which refills them on one timer and drops a bucket that has
/// stayed full for a while, so an idle user costs nothing.
/// </summary>
public sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly HubRateLimitOptions _limits;
    private readonly PartitionedRateLimiter<HubCall> _limiter;

    public HubRateLimitFilter(IOptions<HubRateLimitOptions> options)
    {
        _limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<HubCall, HubCall>(call =>
            RateLimitPartition.GetTokenBucketLimiter(call, key => _limits.LimitOf(key.Method).ToTokenBucket()));
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        var limit = _limits.LimitOf(method);
        if (limit.Unlimited)
        {
            return await next(invocationContext);
        }

        // Hubs require a signed-in user, so the user id is always there; the connection is a fallback only.
        var caller = invocationContext.Context.UserIdentifier ?? invocationContext.Context.ConnectionId;
        using (var lease = _limiter.AttemptAcquire(new HubCall(caller, invocationContext.Hub.GetType().Name, method)))
        {
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.ReplenishmentPeriod;
                var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
                throw new RateLimitedException($"too many {method} calls; try again in {seconds} s", wait);
            }
        }

        return await next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();

    private readonly record struct HubCall(string UserId, string Hub, string Method);
}
