using FluentValidation;

namespace Transcendence.Application.Auth.VerifyTwoFactor;

public sealed class VerifyTwoFactorValidator : AbstractValidator<VerifyTwoFactor>
{
    public VerifyTwoFactorValidator()
    {
        RuleFor(c => c.Ticket).NotEmpty().MaximumLength(256);
        RuleFor(c => c.Code).MustBeATotpCode();
    }
}
