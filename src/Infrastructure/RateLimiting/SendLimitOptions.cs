using System.ComponentModel.DataAnnotations;

namespace Transcendence.Infrastructure.RateLimiting;

/// <summary><c>Chat:SendLimit</c>: at most <see cref="Messages"/> sends per user in any <see cref="Window"/>.</summary>
public sealed class SendLimitOptions
{
    public const string Section = "Chat:SendLimit";

    [Range(1, int.MaxValue, ErrorMessage = "Chat:SendLimit:Messages must be at least 1")]
    public int Messages { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Chat:SendLimit:Window must be longer than zero")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);
}
