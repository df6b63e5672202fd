using Transcendence.Application.Auth;

namespace Transcendence.Web.Endpoints;

/// <summary>
/// The <c>refresh_token</c> cookie browsers keep the refresh token in: HttpOnly (no script reads it),
/// Secure, SameSite=Strict (never sent from another site), scoped to <c>/api/auth</c> (sent only to the
/// routes that use it), expiring with the token. Every response that issues a refresh token sets it.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "refresh_token";
    public const string Path = "/api/auth";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Set(HttpResponse response, AuthTokens tokens) =>
        response.Cookies.Append(Name, tokens.RefreshToken, Options(tokens.RefreshTokenExpiresAt));

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, Options(expires: null));

    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
