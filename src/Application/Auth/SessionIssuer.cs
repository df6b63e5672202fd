using Transcendence.Application.Presence;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Domain.Auth;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Auth;

/// <summary>
/// Where every way in ends (dev-login, the OAuth callback, 2FA verification): a user who passed the first
/// factor gets a ticket when two-factor is on, otherwise a new login (refresh token family) and tokens.
/// Always called inside a command's unit of work.
/// </summary>
public sealed class SessionIssuer(
    ITwoFactorRepository twoFactors,
    ILoginTicketRepository tickets,
    IRefreshTokenRepository refreshTokens,
    IAccessTokenIssuer accessTokens,
    RefreshTokenOptions refreshOptions,
    TwoFactorOptions twoFactorOptions,
    IPresenceTracker presence,
    IPlayerStatsRepository stats,
    TimeProvider clock)
{
    public async Task<LoginOutcome> SignInAsync(User user, CancellationToken cancellationToken)
    {
        if (!await twoFactors.IsEnabledAsync(user.Id, cancellationToken))
        {
            return new LoginOutcome.SignedIn(await StartLoginAsync(user, twoFactorEnabled: false, cancellationToken));
        }

        var now = clock.GetUtcNow();
        // Tickets nobody came back for would pile up; the next ticket issued sweeps them.
        await tickets.RemoveExpiredAsync(now, cancellationToken);
        var secret = OpaqueToken.New();
        var ticket = LoginTicket.Issue(user.Id, OpaqueToken.Hash(secret), now, twoFactorOptions.TicketLifetime);
        await tickets.AddAsync(ticket, cancellationToken);
        return new LoginOutcome.TwoFactorRequired(TwoFactorChallenge.For(secret, ticket.ExpiresAt));
    }

    /// <summary>A new login for a user who passed every factor.</summary>
    public async Task<AuthTokens> StartLoginAsync(User user, bool twoFactorEnabled, CancellationToken cancellationToken)
    {
        var secret = OpaqueToken.New();
        var (family, first) = RefreshTokenFamily.Start(user.Id, OpaqueToken.Hash(secret), clock.GetUtcNow(), refreshOptions.Lifetime);
        await refreshTokens.AddFamilyAsync(family, cancellationToken);
        await refreshTokens.AddTokenAsync(first, cancellationToken);
        return await TokensAsync(user, twoFactorEnabled, secret, first, cancellationToken);
    }

    /// <summary>The tokens response for a refresh token just issued (its secret and its stored form).</summary>
    public async Task<AuthTokens> TokensAsync(
        User user, bool twoFactorEnabled, string refreshSecret, RefreshToken refreshToken, CancellationToken cancellationToken)
    {
        var access = accessTokens.Issue(user, refreshToken.FamilyId);
        return new AuthTokens(
            access.Value,
            access.ExpiresAt,
            refreshSecret,
            refreshToken.ExpiresAt,
            OwnProfile.Of(user, presence.StatusOf(user.Id), await stats.StatsOfAsync(user.Id, cancellationToken), twoFactorEnabled));
    }
}
