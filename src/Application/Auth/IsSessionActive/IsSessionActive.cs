using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Auth.IsSessionActive;

/// <summary>
/// Whether the login an access token was issued in (its <c>sid</c>) still stands: known, the caller's,
/// and neither logged out nor revoked by a reused refresh token. Asked when a token is presented.
/// </summary>
public sealed record IsSessionActive(Guid UserId, Guid SessionId) : IQuery<bool>;

public sealed class IsSessionActiveHandler(IRefreshTokenRepository refreshTokens) : IQueryHandler<IsSessionActive, bool>
{
    public async ValueTask<bool> Handle(IsSessionActive query, CancellationToken cancellationToken)
    {
        var family = await refreshTokens.FindFamilyAsync(query.SessionId, cancellationToken);
        return family is not null && family.UserId == query.UserId && !family.IsRevoked;
    }
}
