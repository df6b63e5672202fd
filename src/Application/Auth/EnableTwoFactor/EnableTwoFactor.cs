using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.EnableTwoFactor;

/// <summary>Turns two-factor on, proven by a current code of the secret from <c>2fa/setup</c>.</summary>
/// <remarks>
/// <see cref="SessionId"/> is the caller's login (the access token's <c>sid</c>): after too many wrong codes
/// in a row only a login started later may try again.
/// </remarks>
public sealed record EnableTwoFactor(Guid UserId, Guid SessionId, string Code) : ICommand;

public sealed class EnableTwoFactorHandler(ITwoFactorRepository twoFactors, IRefreshTokenRepository logins, TwoFactorCodeCheck codes) : ICommandHandler<EnableTwoFactor>
{
    public async ValueTask<Unit> Handle(EnableTwoFactor command, CancellationToken cancellationToken)
    {
        var twoFactor = await twoFactors.FindAsync(command.UserId, cancellationToken) ?? throw AuthErrors.TwoFactorNotSetUp();
        var loginStartedAt = (await logins.FindFamilyAsync(command.SessionId, cancellationToken))?.CreatedAt;
        await codes.RunAsync(twoFactor, command.Code, (t, stepOf, now) => t.Enable(stepOf, now, loginStartedAt), cancellationToken);
        return Unit.Value;
    }
}
