namespace Transcendence.Application.Common.Ports;

/// <summary>How often a user may send chat messages (<c>Chat:SendLimit</c>).</summary>
public interface ISendRateLimiter
{
    /// <summary>Counts a send at <paramref name="now"/>; false (and nothing counted) when over the limit.</summary>
    bool TryAcquire(Guid userId, DateTimeOffset now, out TimeSpan retryAfter);
}
