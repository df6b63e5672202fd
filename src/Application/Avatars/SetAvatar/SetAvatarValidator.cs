using FluentValidation;

namespace Transcendence.Application.Avatars.SetAvatar;

public sealed class SetAvatarValidator : AbstractValidator<SetAvatar>
{
    public SetAvatarValidator()
    {
        // Size and format are the domain's to judge (413 and 415); an absent file is a malformed request.
        RuleFor(c => c.File)
            .NotNull().WithMessage("an image is needed in the multipart field 'file'")
            .NotEmpty().WithMessage("the file is empty");
    }
}
