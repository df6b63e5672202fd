using FluentValidation;
using Mediator;
using Transcendence.Application.Users;
using Transcendence.Application.Users.FindOrCreateUser;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Auth.ExternalLogin;

/// <summary>
/// The end of an OAuth login: <see cref="Provider"/> vouched for its person <see cref="ProviderUserId"/>
/// (the provider's immutable id), currently called <see cref="Login"/>; that account is found (by the id;
/// by the login only while no id is known for it), or registered with the login made a unique display
/// name, and signed in (or asked for the second factor).
/// </summary>
public sealed record ExternalLogin(string Provider, string ProviderUserId, string Login) : ICommand<LoginOutcome>;

public sealed class ExternalLoginValidator : AbstractValidator<ExternalLogin>
{
    public ExternalLoginValidator()
    {
        RuleFor(c => c.Login).MustBeALogin();
        RuleFor(c => c.Provider).NotEmpty();
        RuleFor(c => c.ProviderUserId).NotEmpty().MaximumLength(User.MaxProviderUserIdLength)
            .Must(id => id is null || !id.Any(char.IsControl)).WithMessage("a provider's user id has no control characters");
    }
}

public sealed class ExternalLoginHandler(UserProvisioner provisioner, SessionIssuer sessions) : ICommandHandler<ExternalLogin, LoginOutcome>
{
    public async ValueTask<LoginOutcome> Handle(ExternalLogin command, CancellationToken cancellationToken)
    {
        var user = await provisioner.FindOrCreateExternalAsync(command.Provider, command.ProviderUserId, command.Login, cancellationToken);
        return await sessions.SignInAsync(user, cancellationToken);
    }
}
