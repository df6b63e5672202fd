using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Auth.Logout;

/// <summary>
/// Ends the caller's current login: every refresh token of it stops working, and once that is stored its
/// access tokens are refused and its hub connections close (<see cref="ISessionRevocations"/>). Ending a
/// login that is already over, or unknown, is not an error.
/// </summary>
public sealed record Logout(Guid UserId, Guid SessionId) : ICommand;

public sealed class LogoutHandler(
    IRefreshTokenRepository refreshTokens,
    ISessionRevocations revocations,
    IRealtimeNotifier notifier,
    TimeProvider clock) : ICommandHandler<Logout>
{
    public async ValueTask<Unit> Handle(Logout command, CancellationToken cancellationToken)
    {
        var family = await refreshTokens.FindFamilyAsync(command.SessionId, cancellationToken);
        if (family is not null && family.UserId == command.UserId && !family.IsRevoked)
        {
            family.Revoke(clock.GetUtcNow());
            await refreshTokens.UpdateFamilyAsync(family, cancellationToken);
            notifier.Defer(ct => revocations.RevokeAsync(family.Id, ct));
        }

        return Unit.Value;
    }
}
