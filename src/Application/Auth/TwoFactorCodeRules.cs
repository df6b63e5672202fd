using FluentValidation;

namespace Transcendence.Application.Auth;

public static class TwoFactorCodeRules
{
    /// <summary>A TOTP code as authenticator apps show it: six digits (spaces around are forgiven).</summary>
    public static IRuleBuilderOptions<T, string> MustBeATotpCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .Must(code => code is null || (code.Trim().Length == 6 && code.Trim().All(char.IsAsciiDigit)))
            .WithMessage("a two-factor code is six digits");
}
