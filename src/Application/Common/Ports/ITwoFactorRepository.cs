using Transcendence.Domain.Auth;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where users' two-factor settings are kept, at most one per user.</summary>
public interface ITwoFactorRepository
{
    /// <summary>
    /// The user's two-factor settings, or null when never set up. Inside a unit of work the row stays
    /// locked until it ends, so two checks of a code for one user never overlap (no double spend).
    /// </summary>
    Task<TwoFactorAuth?> FindAsync(Guid userId, CancellationToken cancellationToken);

    Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores the settings, replacing what the user had.</summary>
    Task SaveAsync(TwoFactorAuth twoFactor, CancellationToken cancellationToken);
}
