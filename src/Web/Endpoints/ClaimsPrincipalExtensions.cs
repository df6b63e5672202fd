using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Domain.Common;

namespace Transcendence.Web.Endpoints;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>Our user id, carried as the token's <c>sub</c>.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? id
            : throw new DomainException("auth.invalid_token", ErrorKind.Unauthenticated, "the access token names no user");

    /// <summary>The login (refresh token family) the access token was issued in, carried as <c>sid</c>.</summary>
    public static Guid SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sid), out var id)
            ? id
            : throw new DomainException("auth.invalid_token", ErrorKind.Unauthenticated, "the access token names no login");
}
