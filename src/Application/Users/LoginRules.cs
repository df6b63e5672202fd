using FluentValidation;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

public static class LoginRules
{
    /// <summary>A provider login: present, at most 64 characters, no control characters.</summary>
    public static IRuleBuilderOptions<T, string> MustBeALogin<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MaximumLength(User.MaxLoginLength)
            .Must(login => login is null || !login.Any(char.IsControl))
            .WithMessage("a login has no control characters");
}
