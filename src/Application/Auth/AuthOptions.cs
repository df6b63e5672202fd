using System.ComponentModel.DataAnnotations;

namespace Transcendence.Application.Auth;

/// <summary>Refresh token settings (<c>Auth:RefreshTokens</c>).</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "Auth:RefreshTokens";

    /// <summary>How long a refresh token is good for; each rotation issues one with a full lifetime.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "Auth:RefreshTokens:Lifetime must be longer than zero")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Two-factor settings (<c>Auth:TwoFactor</c>).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Auth:TwoFactor";

    /// <summary>How long a login waits for its second factor.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:TwoFactor:TicketLifetime must be between 1 s and 1 day")]
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The issuer an authenticator app shows beside the account.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:TwoFactor:Issuer must not be empty")]
    public string Issuer { get; set; } = "Transcendence";
}
