using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>A signed, short-lived proof of who the bearer is.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Makes access tokens for a user who proved who they are (dev-login, the OAuth callback, refresh and
/// 2FA verification all end here).
/// </summary>
public interface IAccessTokenIssuer
{
    /// <summary>
    /// A token for <paramref name="user"/> within the login <paramref name="sessionId"/> (the refresh
    /// token family), carried as the <c>sid</c> claim so logout knows which login to end.
    /// </summary>
    AccessToken Issue(User user, Guid sessionId);
}
