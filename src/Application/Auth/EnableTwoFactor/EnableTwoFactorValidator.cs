using FluentValidation;

namespace Transcendence.Application.Auth.EnableTwoFactor;

public sealed class EnableTwoFactorValidator : AbstractValidator<EnableTwoFactor>
{
    public EnableTwoFactorValidator()
    {
        RuleFor(c => c.Code).MustBeATotpCode();
    }
}
