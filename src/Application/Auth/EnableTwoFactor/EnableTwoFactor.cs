using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.EnableTwoFactor;

/// <summary>Turns two-factor on, proven by a current code of the secret from <c>2fa/setup</c>.</summary>
public sealed record EnableTwoFactor(Guid UserId, string Code) : ICommand;

public sealed class EnableTwoFactorHandler(ITwoFactorRepository twoFactors, TwoFactorCodeCheck codes) : ICommandHandler<EnableTwoFactor>
{
    public async ValueTask<Unit> Handle(EnableTwoFactor command, CancellationToken cancellationToken)
    {
        var twoFactor = await twoFactors.FindAsync(command.UserId, cancellationToken) ?? throw AuthErrors.TwoFactorNotSetUp();
        await codes.RunAsync(twoFactor, command.Code, (t, stepOf, now) => t.Enable(stepOf, now), cancellationToken);
        return Unit.Value;
    }
}
