using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.DisableTwoFactor;

/// <summary>Turns two-factor off, proven by a current code; the secret is forgotten.</summary>
public sealed record DisableTwoFactor(Guid UserId, string Code) : ICommand;

public sealed class DisableTwoFactorHandler(ITwoFactorRepository twoFactors, TwoFactorCodeCheck codes) : ICommandHandler<DisableTwoFactor>
{
    public async ValueTask<Unit> Handle(DisableTwoFactor command, CancellationToken cancellationToken)
    {
        var twoFactor = await twoFactors.FindAsync(command.UserId, cancellationToken) ?? throw AuthErrors.TwoFactorNotEnabled();
        await codes.RunAsync(twoFactor, command.Code, (t, stepOf, now) => t.Disable(stepOf, now), cancellationToken);
        return Unit.Value;
    }
}
