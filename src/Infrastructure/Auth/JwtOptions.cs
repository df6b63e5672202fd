using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Transcendence.Infrastructure.Auth;

/// <summary>Settings of our own access tokens (<c>Auth:Jwt</c>).</summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";

    /// <summary>HMAC-SHA256 needs a key of at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The HS256 signing key (<c>Auth:Jwt:SigningKey</c>), UTF-8, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:Jwt:Issuer must not be empty")]
    public string Issuer { get; set; } = "transcendence";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:Jwt:Audience must not be empty")]
    public string Audience { get; set; } = "transcendence";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:Jwt:AccessTokenLifetime must be between 1 s and 1 day")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? string.Empty);

    public bool HasStrongKey => SigningKey is not null && KeyBytes.Length >= MinimumKeyBytes;
}
