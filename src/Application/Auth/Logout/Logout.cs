using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Auth.Logout;

/// <summary>
/// Ends the caller's current login: every refresh token of it stops working. Access tokens already
/// issued live out their short lifetime. Ending a login that is already over, or unknown, is not an error.
/// </summary>
public sealed record Logout(Guid UserId, Guid SessionId) : ICommand;

public sealed class LogoutHandler(IRefreshTokenRepository refreshTokens, TimeProvider clock) : ICommandHandler<Logout>
{
    public async ValueTask<Unit> Handle(Logout command, CancellationToken cancellationToken)
    {
        var family = await refreshTokens.FindFamilyAsync(command.SessionId, cancellationToken);
        if (family is not null && family.UserId == command.UserId && !family.IsRevoked)
        {
            family.Revoke(clock.GetUtcNow());
            await refreshTokens.UpdateFamilyAsync(family, cancellationToken);
        }

        return Unit.Value;
    }
}
