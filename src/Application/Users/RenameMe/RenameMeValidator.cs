using FluentValidation;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users.RenameMe;

public sealed class RenameMeValidator : AbstractValidator<RenameMe>
{
    public RenameMeValidator()
    {
        RuleFor(c => c.DisplayName)
            .NotEmpty()
            .Must(name => DisplayName.IsValid(name, out _))
            .WithMessage($"a display name has {DisplayName.MinLength} to {DisplayName.MaxLength} letters, digits, '_' or '-'");
    }
}
