using FluentValidation;

namespace Transcendence.Application.Blocks.UnblockUser;

public sealed class UnblockUserValidator : AbstractValidator<UnblockUser>
{
    public UnblockUserValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
    }
}
