using FluentValidation;

namespace Transcendence.Application.Blocks.BlockUser;

public sealed class BlockUserValidator : AbstractValidator<BlockUser>
{
    public BlockUserValidator()
    {
        RuleFor(c => c.UserId)
            .NotEmpty()
            .NotEqual(c => c.CallerId).WithMessage("you cannot block yourself");
    }
}
