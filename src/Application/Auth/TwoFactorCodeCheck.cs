using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Auth;

/// <summary>
/// Runs a two-factor rule that takes a code (enable, disable, verify) and saves the outcome — also when
/// the code is refused, because a wrong code counts toward the lockout and that count must stick.
/// </summary>
public sealed class TwoFactorCodeCheck(ITwoFactorRepository twoFactors, ITotp totp, ISecretProtector protector, TimeProvider clock)
{
    public async Task RunAsync(
        TwoFactorAuth twoFactor,
        string code,
        Action<TwoFactorAuth, Func<string, long?>, DateTimeOffset> rule,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var presented = code.Trim();
        long? StepOf(string protectedSecret) => totp.StepOf(protector.Unprotect(protectedSecret), presented, now);

        try
        {
            rule(twoFactor, StepOf, now);
        }
        catch (DomainException refused) when (refused.Code == AuthErrors.TwoFactorInvalidCode)
        {
            await twoFactors.SaveAsync(twoFactor, cancellationToken);
            throw new CommittedRefusal(refused);
        }

        await twoFactors.SaveAsync(twoFactor, cancellationToken);
    }
}
