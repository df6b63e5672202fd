using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Infrastructure.RateLimiting;

/// <summary>
/// The send limit of <see cref="SlidingWindowSendLimiter"/> for every instance together: the same exact
/// sliding window, kept in Redis as one sorted set per user (each accepted send a member scored by its time
/// in microseconds), read and changed by one Lua script so two instances never both take the last place.
/// A user's set expires a window after their last send, so an idle user costs nothing.
/// </summary>
/// <remarks>
/// Times are the app's (<see cref="TimeProvider"/>) as the caller passes them, so every instance must keep
/// its clock in sync (NTP): a skew of a few milliseconds moves a window's edge by as much.
/// While Redis is unreachable each instance counts in its own in-process window instead (a user spread over
/// N instances may then send N times the limit) rather than letting everything through: the limit is there
/// to stop floods, and an outage is no time to lift it. One warning when that starts, one line when Redis
/// answers again; the in-process counts are not carried over.
/// </remarks>
public sealed partial class RedisSendLimiter(
    RedisScaleOut scaleOut, SlidingWindowSendLimiter fallback, IOptions<SendLimitOptions> options, ILogger<RedisSendLimiter> logger) : ISendRateLimiter
{
    // KEYS[1]: the user's accepted sends; ARGV: now (µs), window (µs), limit, this send's member, expiry (ms).
    // Answers -1 when the send is counted, else the microseconds until the oldest counted send ages out.
    private const string Script = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return tonumber(oldest[2]) + window - now
        end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return -1
        """;

    // Past a window, a little longer so instances whose clocks differ slightly still see the last send.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(1);

    private int _fallingBack;

    public async ValueTask<SendAllowance> TryAcquireAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value;
        if (!scaleOut.Redis.IsConnected)
        {
            return FallBack(userId, now, null);
        }

        var nowMicroseconds = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        var windowMicroseconds = limit.Window.Ticks / TimeSpan.TicksPerMicrosecond;
        var expiry = (long)Math.Ceiling((limit.Window + ExpiryMargin).TotalMilliseconds);
        RedisResult result;
        try
        {
            result = await scaleOut.Redis.GetDatabase().ScriptEvaluateAsync(
                Script,
                [KeyOf(userId)],
                [nowMicroseconds, windowMicroseconds, limit.Messages, $"{nowMicroseconds}:{Guid.NewGuid():N}", expiry]);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return FallBack(userId, now, ex);
        }

        if (Interlocked.Exchange(ref _fallingBack, 0) == 1)
        {
            LogSharedAgain();
        }

        var wait = (long)result;
        return wait < 0 ? SendAllowance.Granted : SendAllowance.Refused(TimeSpan.FromTicks(wait * TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>The Redis key of a user's accepted sends.</summary>
    public RedisKey KeyOf(Guid userId) => scaleOut.Key($"chat:send-limit:{userId:N}");

    private SendAllowance FallBack(Guid userId, DateTimeOffset now, Exception? exception)
    {
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            LogFallingBack(exception);
        }

        return fallback.TryAcquire(userId, now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Redis is unreachable: the chat send limit (Chat:SendLimit) now counts on each instance alone until it answers again")]
    private partial void LogFallingBack(Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: the chat send limit counts across every instance again")]
    private partial void LogSharedAgain();
}
