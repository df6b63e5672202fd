using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.RateLimiting;

/// <summary>
/// A true sliding window per user: the times of the last N accepted sends. Hand-written rather than
/// System.Threading.RateLimiting's limiters because those read the wall clock and replenish on their own
/// timer, while every time here comes from the app's <see cref="TimeProvider"/> (fake in tests).
/// A user whose sends have all aged out is forgotten: once per window, a send sweeps such users away.
/// </summary>
public sealed class SlidingWindowSendLimiter(IOptions<SendLimitOptions> options) : ISendRateLimiter
{
    private readonly ConcurrentDictionary<Guid, UserWindow> _sends = new();
    private readonly Lock _sweepGate = new();
    // UTC ticks of the last sweep, read without the gate (a long reads whole, a DateTimeOffset may not).
    private long _lastSweepTicks;

    /// <summary>How many users the limiter holds sends for (those who sent within about the last two windows).</summary>
    public int TrackedUsers => _sends.Count;

    public ValueTask<SendAllowance> TryAcquireAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(userId, now));

    /// <summary>The same, answered at once: nothing here waits.</summary>
    public SendAllowance TryAcquire(Guid userId, DateTimeOffset now)
    {
        var limit = options.Value;
        SweepIfDue(now, limit.Window);
        while (true)
        {
            var window = _sends.GetOrAdd(userId, _ => new UserWindow());
            lock (window)
            {
                // A sweep removed this one between the lookup and the lock: count in the fresh one instead.
                if (window.Retired)
                {
                    continue;
                }

                window.DropOlderThan(now, limit.Window);
                if (window.Sends.Count >= limit.Messages)
                {
                    return SendAllowance.Refused(window.Sends.Peek() + limit.Window - now);
                }

                window.Sends.Enqueue(now);
                return SendAllowance.Granted;
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now, TimeSpan windowLength)
    {
        // One sender sweeps; the others go on without waiting for it.
        if (now.UtcTicks - Volatile.Read(ref _lastSweepTicks) < windowLength.Ticks || !_sweepGate.TryEnter())
        {
            return;
        }

        try
        {
            Volatile.Write(ref _lastSweepTicks, now.UtcTicks);
            foreach (var (userId, window) in _sends)
            {
                lock (window)
                {
                    window.DropOlderThan(now, windowLength);
                    if (window.Sends.Count == 0)
                    {
                        window.Retired = true;
                        _sends.TryRemove(new KeyValuePair<Guid, UserWindow>(userId, window));
                    }
                }
            }
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    private sealed class UserWindow
    {
        public Queue<DateTimeOffset> Sends { get; } = new();

        public bool Retired { get; set; }

        public void DropOlderThan(DateTimeOffset now, TimeSpan windowLength)
        {
            while (Sends.Count > 0 && now - Sends.Peek() >= windowLength)
            {
                Sends.Dequeue();
            }
        }
    }
}
