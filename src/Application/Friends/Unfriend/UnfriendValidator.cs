using FluentValidation;

namespace Transcendence.Application.Friends.Unfriend;

public sealed class UnfriendValidator : AbstractValidator<Unfriend>
{
    public UnfriendValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
    }
}
