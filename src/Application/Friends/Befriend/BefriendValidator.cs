using FluentValidation;

namespace Transcendence.Application.Friends.Befriend;

public sealed class BefriendValidator : AbstractValidator<Befriend>
{
    public BefriendValidator()
    {
        RuleFor(c => c.UserId)
            .NotEmpty()
            .NotEqual(c => c.CallerId).WithMessage("you cannot befriend yourself");
    }
}
