using Transcendence.Application.Users;

namespace Transcendence.Application.Auth;

/// <summary>
/// The tokens response: a short-lived access token (JWT) and the refresh token that gets the next one
/// (opaque, single use, rotated by <c>POST /api/auth/refresh</c>).
/// </summary>
public sealed record AuthTokens(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    OwnProfile User);
