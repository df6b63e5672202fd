using FluentValidation;
using Mediator;
using Transcendence.Application.Users;
using Transcendence.Application.Users.FindOrCreateUser;

namespace Transcendence.Application.Auth.ExternalLogin;

/// <summary>
/// The end of an OAuth login: the provider vouched for <see cref="Login"/>; that user is found, or
/// registered with the login made a unique display name, and signed in (or asked for the second factor).
/// </summary>
public sealed record ExternalLogin(string Login) : ICommand<LoginOutcome>;

public sealed class ExternalLoginValidator : AbstractValidator<ExternalLogin>
{
    public ExternalLoginValidator()
    {
        RuleFor(c => c.Login).MustBeALogin();
    }
}

public sealed class ExternalLoginHandler(UserProvisioner provisioner, SessionIssuer sessions) : ICommandHandler<ExternalLogin, LoginOutcome>
{
    public async ValueTask<LoginOutcome> Handle(ExternalLogin command, CancellationToken cancellationToken)
    {
        var user = await provisioner.FindOrCreateAsync(command.Login, cancellationToken);
        return await sessions.SignInAsync(user, cancellationToken);
    }
}
