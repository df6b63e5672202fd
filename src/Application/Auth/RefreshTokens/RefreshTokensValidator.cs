using FluentValidation;

namespace Transcendence.Application.Auth.RefreshTokens;

public sealed class RefreshTokensValidator : AbstractValidator<RefreshTokens>
{
    public RefreshTokensValidator()
    {
        // Ours are 43 characters; anything far longer is not one of ours and is not worth hashing.
        RuleFor(c => c.RefreshToken).MaximumLength(256);
    }
}
