namespace Transcendence.Domain.Common;

/// <summary>
/// The caller is doing this too often (<c>rate_limited</c>); <see cref="RetryAfter"/> says when trying again
/// can succeed, and the doors pass it on (HTTP <c>Retry-After</c>).
/// </summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter)
    : DomainException(ErrorCode, ErrorKind.RateLimited, message)
{
    public const string ErrorCode = "rate_limited";

    public TimeSpan RetryAfter { get; } = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
}
