using FluentValidation;
using Mediator;
using Transcendence.Application.Users;
using Transcendence.Application.Users.FindOrCreateUser;

namespace Transcendence.Application.Auth.DevLogin;

/// <summary>
/// Development and test login: trusts the login given, finds or creates that user and signs them in
/// (or asks for the second factor when they have two-factor on). The door refuses it unless
/// <c>Auth:DevLogin:Enabled</c> is true.
/// </summary>
public sealed record DevLogin(string Login) : ICommand<LoginOutcome>;

public sealed class DevLoginValidator : AbstractValidator<DevLogin>
{
    public DevLoginValidator()
    {
        RuleFor(c => c.Login).MustBeALogin();
    }
}

public sealed class DevLoginHandler(UserProvisioner provisioner, SessionIssuer sessions) : ICommandHandler<DevLogin, LoginOutcome>
{
    public async ValueTask<LoginOutcome> Handle(DevLogin command, CancellationToken cancellationToken)
    {
        var user = await provisioner.FindOrCreateAsync(command.Login.Trim(), cancellationToken);
        return await sessions.SignInAsync(user, cancellationToken);
    }
}
