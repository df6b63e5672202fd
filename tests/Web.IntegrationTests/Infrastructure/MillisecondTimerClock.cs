using Microsoft.Extensions.Time.Testing;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// The fake clock with the real one's timer resolution: <see cref="TimeProvider.System"/> timers take whole
/// milliseconds and drop the rest (a 1/60 s period becomes 16 ms), which the fake's exact timers hide.
/// </summary>
internal sealed class MillisecondTimerClock(FakeTimeProvider clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Truncating(clock.CreateTimer(callback, state, Truncate(dueTime), Truncate(period)));

    private static TimeSpan Truncate(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromMilliseconds(Math.Floor(span.TotalMilliseconds));

    private sealed class Truncating(ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(Truncate(dueTime), Truncate(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
