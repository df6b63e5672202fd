using Transcendence.Domain.Auth;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where logins (refresh token families) and their tokens are kept; tokens by hash only.</summary>
public interface IRefreshTokenRepository
{
    Task AddFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken);

    Task<RefreshTokenFamily?> FindFamilyAsync(Guid familyId, CancellationToken cancellationToken);

    /// <summary>Saves a family's revocation.</summary>
    Task UpdateFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken);

    Task AddTokenAsync(RefreshToken token, CancellationToken cancellationToken);

    /// <summary>
    /// The token with this hash. Inside a unit of work the token stays locked until it ends: a second
    /// unit of work presenting the same token waits, then sees it used (so one token rotates once).
    /// </summary>
    Task<RefreshToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Saves that a token was used.</summary>
    Task UpdateTokenAsync(RefreshToken token, CancellationToken cancellationToken);
}
