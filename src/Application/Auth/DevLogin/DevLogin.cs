using Transcendence.Application.Presence;
using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Application.Users.FindOrCreateUser;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Auth.DevLogin;

/// <summary>
/// Development and test login: trusts the login given, finds or creates that user and signs them in.
/// The door refuses it unless <c>Auth:DevLogin:Enabled</c> is true.
/// </summary>
public sealed record DevLogin(string Login) : ICommand<AuthTokens>;

public sealed class DevLoginValidator : AbstractValidator<DevLogin>
{
    public DevLoginValidator()
    {
        RuleFor(c => c.Login).MustBeALogin();
    }
}

public sealed class DevLoginHandler(UserProvisioner provisioner, IAccessTokenIssuer tokens, IPresenceTracker presence) : ICommandHandler<DevLogin, AuthTokens>
{
    public async ValueTask<AuthTokens> Handle(DevLogin command, CancellationToken cancellationToken)
    {
        var user = await provisioner.FindOrCreateAsync(command.Login.Trim(), cancellationToken);
        var access = tokens.Issue(user);
        return new AuthTokens(access.Value, access.ExpiresAt, null, null, OwnProfile.Of(user, presence.StatusOf(user.Id), UserStats.Starting));
    }
}
