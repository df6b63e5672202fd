namespace Transcendence.Domain.Common;

/// <summary>
/// How the domain holds a point in time: UTC, to the microsecond. PostgreSQL keeps microseconds, so an
/// entity saved and read back is equal to itself on every store.
/// </summary>
public static class Instant
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
