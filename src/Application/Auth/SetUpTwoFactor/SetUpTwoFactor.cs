using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.SetUpTwoFactor;

/// <summary>
/// A new TOTP secret for the caller's authenticator app, stored protected and waiting for
/// <c>2fa/enable</c>. Refused while two-factor is on (<c>auth.two_factor_already_enabled</c>).
/// </summary>
public sealed record SetUpTwoFactor(Guid UserId) : ICommand<TwoFactorSetup>;

/// <summary><c>{secret, otpauthUri}</c>: the base32 secret and the URI to show as a QR code.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

public sealed class SetUpTwoFactorHandler(
    IUserRepository users,
    ITwoFactorRepository twoFactors,
    ITotp totp,
    ISecretProtector protector) : ICommandHandler<SetUpTwoFactor, TwoFactorSetup>
{
    public async ValueTask<TwoFactorSetup> Handle(SetUpTwoFactor command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var secret = totp.NewSecret();
        var protectedSecret = protector.Protect(secret);

        var twoFactor = await twoFactors.FindAsync(user.Id, cancellationToken);
        if (twoFactor is null)
        {
            twoFactor = TwoFactorAuth.SetUp(user.Id, protectedSecret);
        }
        else
        {
            twoFactor.SetUpAgain(protectedSecret);
        }

        await twoFactors.SaveAsync(twoFactor, cancellationToken);
        return new TwoFactorSetup(secret, totp.UriFor(secret, user.Login));
    }
}
