using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Infrastructure.Leases;

/// <summary>
/// Singleton leases shared by every instance through Redis: a lease is the key <c>{prefix}lease:{name}</c>
/// holding the holder's instance id, set only when absent and with an expiry (<c>ScaleOut:LeaseTtl</c>).
/// The holder renews it every third of that; the others try to take it as often. A holder that stops
/// releases it at once; one that dies in any way (SIGKILL, a lost machine, a cut network) stops renewing,
/// and its lease expires: another instance holds it within a lease time and a third.
/// </summary>
/// <remarks>
/// Chosen over a PostgreSQL advisory lock: that lock lives as long as its database session, which the server
/// ends at once when the holder's socket closes but only after TCP keepalive (hours by default) when the
/// holder's machine or network is gone, and it pins one connection per instance outside the pool; a key that
/// expires bounds the take-over however the holder dies, and Redis is already what instances share.
/// A holder that cannot renew (Redis down or slow) gives up — cancels its work — before its lease can have
/// expired (it counts the lease time from before each renewal was sent), so two instances never run the
/// work at once; while Redis is down nobody holds it and the work waits.
/// </remarks>
public sealed partial class RedisSingletonLeases(
    RedisScaleOut scaleOut, IOptions<ScaleOutOptions> options, ILogger<RedisSingletonLeases> logger) : ISingletonLeases
{
    // Takes the lease when nobody holds it, or keeps it when this instance already does. ARGV: holder, ms.
    private const string TakeScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task RunWhileHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        var key = scaleOut.Key($"lease:{name}");
        var ttl = options.Value.LeaseTtl;
        var beat = ttl / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            var heldUntil = await TryTakeAsync(key, ttl);
            if (heldUntil is not { } until)
            {
                try
                {
                    await Task.Delay(beat, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            LogTaken(scaleOut.InstanceId, name);
            LeaseTelemetry.Taken(name);
            using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var running = Task.Run(() => work(held.Token), CancellationToken.None);
            string? lostBecause = null;
            try
            {
                lostBecause = await KeepAsync(key, ttl, beat, until, running, held.Token);
                await held.CancelAsync();
                await running;
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                // The work ended as asked.
            }
            finally
            {
                LeaseTelemetry.Given(name);
                if (lostBecause is null)
                {
                    await ReleaseAsync(key, name);
                }
            }

            if (lostBecause is null)
            {
                return;
            }

            LogLost(scaleOut.InstanceId, name, lostBecause);
        }
    }

    /// <summary>The lease's end by this instance's clock when taken (counted from before the request left), else null.</summary>
    private async Task<long?> TryTakeAsync(RedisKey key, TimeSpan ttl)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var taken = (long)await scaleOut.Redis.GetDatabase()
                .ScriptEvaluateAsync(TakeScript, [key], [scaleOut.InstanceId, (long)ttl.TotalMilliseconds])
                .WaitAsync(ttl);
            return taken == 1 ? sent + Ticks(ttl) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down or slow: its connection says so (RedisScaleOut logs it); try again on the next beat.
            return null;
        }
    }

    /// <summary>
    /// Renews the lease every beat until the work ends or stopping (null), or until the lease is lost or can
    /// no longer be known to last until the next renewal (the reason).
    /// </summary>
    private async Task<string?> KeepAsync(RedisKey key, TimeSpan ttl, TimeSpan beat, long heldUntil, Task running, CancellationToken token)
    {
        while (true)
        {
            await Task.WhenAny(running, Task.Delay(beat, token));
            if (running.IsCompleted || token.IsCancellationRequested)
            {
                return null;
            }

            var sent = Stopwatch.GetTimestamp();
            var left = TimeSpan.FromTicks(Math.Max(0, heldUntil - sent) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            try
            {
                var renewed = (long)await scaleOut.Redis.GetDatabase()
                    .ScriptEvaluateAsync(RenewScript, [key], [scaleOut.InstanceId, (long)ttl.TotalMilliseconds])
                    .WaitAsync(left, token);
                if (renewed != 1)
                {
                    return "it expired or another instance holds it";
                }

                heldUntil = sent + Ticks(ttl);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (heldUntil - Stopwatch.GetTimestamp() <= Ticks(beat))
                {
                    return "Redis did not confirm it in time (it may expire before the next try)";
                }
            }
        }
    }

    private async Task ReleaseAsync(RedisKey key, string name)
    {
        try
        {
            await scaleOut.Redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [key], [scaleOut.InstanceId]).WaitAsync(TimeSpan.FromSeconds(5));
            LogReleased(scaleOut.InstanceId, name);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogReleaseFailed(ex, scaleOut.InstanceId, name);
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} holds the lease {Lease}: its work runs on this instance")]
    private partial void LogTaken(string instanceId, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} lost the lease {Lease}: {Reason}; its work stopped here until an instance holds it again")]
    private partial void LogLost(string instanceId, string lease, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} released the lease {Lease}")]
    private partial void LogReleased(string instanceId, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} could not release the lease {Lease}; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception, string instanceId, string lease);
}
