using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.DisableTwoFactor;

/// <summary>Turns two-factor off, proven by a current code; the secret is forgotten.</summary>
/// <remarks>
/// <see cref="SessionId"/> is the caller's login (the access token's <c>sid</c>): after too many wrong codes
/// in a row only a login started later may try again.
/// </remarks>
public sealed record DisableTwoFactor(Guid UserId, Guid SessionId, string Code) : ICommand;

public sealed class DisableTwoFactorHandler(ITwoFactorRepository twoFactors, IRefreshTokenRepository logins, TwoFactorCodeCheck codes) : ICommandHandler<DisableTwoFactor>
{
    public async ValueTask<Unit> Handle(DisableTwoFactor command, CancellationToken cancellationToken)
    {
        var twoFactor = await twoFactors.FindAsync(command.UserId, cancellationToken) ?? throw AuthErrors.TwoFactorNotEnabled();
        var loginStartedAt = (await logins.FindFamilyAsync(command.SessionId, cancellationToken))?.CreatedAt;
        await codes.RunAsync(twoFactor, command.Code, (t, stepOf, now) => t.Disable(stepOf, now, loginStartedAt), cancellationToken);
        return Unit.Value;
    }
}
