using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Auth.RefreshTokens;

/// <summary>
/// Exchanges a refresh token for new tokens; the one presented stops working. A token presented after it
/// was exchanged ends its whole login (every token of the family, its access tokens and its hub
/// connections: <see cref="ISessionRevocations"/>) and is refused.
/// </summary>
public sealed record RefreshTokens(string? RefreshToken) : ICommand<AuthTokens>;

public sealed class RefreshTokensHandler(
    IRefreshTokenRepository refreshTokens,
    IUserRepository users,
    ITwoFactorRepository twoFactors,
    SessionIssuer sessions,
    ISessionRevocations revocations,
    IRealtimeNotifier notifier,
    RefreshTokenOptions options,
    TimeProvider clock) : ICommandHandler<RefreshTokens, AuthTokens>
{
    public async ValueTask<AuthTokens> Handle(RefreshTokens command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.RefreshToken))
        {
            throw AuthErrors.InvalidRefreshToken("no refresh token was presented (body or cookie)");
        }

        var presented = await refreshTokens.FindTokenAsync(OpaqueToken.Hash(command.RefreshToken), cancellationToken)
            ?? throw AuthErrors.InvalidRefreshToken("the refresh token is unknown");
        var family = await refreshTokens.FindFamilyAsync(presented.FamilyId, cancellationToken)
            ?? throw AuthErrors.InvalidRefreshToken("the refresh token is unknown");

        var secret = OpaqueToken.New();
        RefreshToken next;
        try
        {
            next = family.Rotate(presented, OpaqueToken.Hash(secret), clock.GetUtcNow(), options.Lifetime);
        }
        catch (DomainException refused) when (family.IsRevoked)
        {
            // A reused token revoked the login: that must stick although the request fails.
            await refreshTokens.UpdateFamilyAsync(family, cancellationToken);
            notifier.Defer(ct => revocations.RevokeAsync(family.Id, ct));
            throw new CommittedRefusal(refused);
        }

        await refreshTokens.UpdateTokenAsync(presented, cancellationToken);
        await refreshTokens.AddTokenAsync(next, cancellationToken);
        var user = await users.GetAsync(family.UserId, cancellationToken);
        var twoFactorEnabled = await twoFactors.IsEnabledAsync(user.Id, cancellationToken);
        return await sessions.TokensAsync(user, twoFactorEnabled, secret, next, cancellationToken);
    }
}
