using Mediator;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Transcendence.Application.Auth.IsSessionActive;
using Transcendence.Infrastructure.Auth;

namespace Transcendence.Web.Sessions;

/// <summary>
/// Whether a presented access token's login still stands, asked of the store and kept for
/// <see cref="LoginSessionOptions.CheckCacheDuration"/>. Revocations made by this process are remembered
/// at once (for as long as any access token of them could still be presented), so they never wait for
/// the cache.
/// </summary>
public sealed class SessionCheck(IMemoryCache cache, IOptions<LoginSessionOptions> options, IOptions<JwtOptions> jwt)
{
    // Any token of a revoked login has expired by then (lifetime plus the validator's clock skew).
    private static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(1);

    public async ValueTask<bool> IsActiveAsync(Guid userId, Guid sessionId, ISender sender, CancellationToken cancellationToken)
    {
        if (IsKnownRevoked(sessionId))
        {
            return false;
        }

        var key = new ActiveKey(userId, sessionId);
        if (cache.TryGetValue(key, out bool active))
        {
            return active;
        }

        active = await sender.Send(new IsSessionActive(userId, sessionId), cancellationToken);
        // Read again: a revocation made while the store was being asked must win over what it answered.
        if (IsKnownRevoked(sessionId))
        {
            return false;
        }

        if (options.Value.CheckCacheDuration > TimeSpan.Zero)
        {
            cache.Set(key, active, options.Value.CheckCacheDuration);
        }

        return active;
    }

    /// <summary>A login this process has just revoked: refused from now on, without asking the store.</summary>
    public void MarkRevoked(Guid sessionId) =>
        cache.Set(new RevokedKey(sessionId), true, jwt.Value.AccessTokenLifetime + ClockSkewMargin);

    public bool IsKnownRevoked(Guid sessionId) => cache.TryGetValue(new RevokedKey(sessionId), out _);

    private readonly record struct ActiveKey(Guid UserId, Guid SessionId);

    private readonly record struct RevokedKey(Guid SessionId);
}
