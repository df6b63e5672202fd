using Transcendence.Application.Users;

namespace Transcendence.Application.Auth;

/// <summary>
/// The tokens response. The refresh fields are filled once refresh tokens exist (identity issue);
/// until then they are null and a client logs in again when the access token expires.
/// </summary>
public sealed record AuthTokens(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string? RefreshToken,
    DateTimeOffset? RefreshTokenExpiresAt,
    OwnProfile User);
