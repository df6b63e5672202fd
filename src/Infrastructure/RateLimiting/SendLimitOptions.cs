namespace Transcendence.Infrastructure.RateLimiting;

/// <summary><c>Chat:SendLimit</c>: at most <see cref="Messages"/> sends per user in any <see cref="Window"/>.</summary>
public sealed class SendLimitOptions
{
    public const string Section = "Chat:SendLimit";

    public int Messages { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);
}
