using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>A signed, short-lived proof of who the bearer is.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Makes access tokens for a user who proved who they are (dev-login now; OAuth, refresh and 2FA
/// later all end here).
/// </summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(User user);
}
