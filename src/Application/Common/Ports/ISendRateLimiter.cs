namespace Transcendence.Application.Common.Ports;

/// <summary>How often a user may send chat messages (<c>Chat:SendLimit</c>), across every instance of the app.</summary>
public interface ISendRateLimiter
{
    /// <summary>Counts a send at <paramref name="now"/>; refused (and nothing counted) when over the limit.</summary>
    ValueTask<SendAllowance> TryAcquireAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A send limiter's answer: allowed, or refused with how long until the oldest counted send ages out.</summary>
public readonly record struct SendAllowance(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly SendAllowance Granted = new(true, TimeSpan.Zero);

    public static SendAllowance Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
