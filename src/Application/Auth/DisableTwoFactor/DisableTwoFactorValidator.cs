using FluentValidation;

namespace Transcendence.Application.Auth.DisableTwoFactor;

public sealed class DisableTwoFactorValidator : AbstractValidator<DisableTwoFactor>
{
    public DisableTwoFactorValidator()
    {
        RuleFor(c => c.Code).MustBeATotpCode();
    }
}
