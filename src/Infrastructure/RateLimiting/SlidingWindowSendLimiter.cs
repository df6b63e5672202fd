using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.RateLimiting;

/// <summary>
/// A true sliding window per user: the times of the last N accepted sends. Hand-written rather than
/// System.Threading.RateLimiting's limiters because those read the wall clock and replenish on their own
/// timer, while every time here comes from the app's <see cref="TimeProvider"/> (fake in tests).
/// </summary>
public sealed class SlidingWindowSendLimiter(IOptions<SendLimitOptions> options) : ISendRateLimiter
{
    private readonly ConcurrentDictionary<Guid, Queue<DateTimeOffset>> _sends = new();

    public bool TryAcquire(Guid userId, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var limit = options.Value;
        var sends = _sends.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (sends)
        {
            while (sends.Count > 0 && now - sends.Peek() >= limit.Window)
            {
                sends.Dequeue();
            }

            if (sends.Count >= limit.Messages)
            {
                retryAfter = sends.Peek() + limit.Window - now;
                return false;
            }

            sends.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
