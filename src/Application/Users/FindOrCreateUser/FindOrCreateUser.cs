using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users.FindOrCreateUser;

/// <summary>
/// The user behind a provider login: found when they have logged in before, otherwise registered with
/// a display name made from the login (suffixed until it is free).
/// </summary>
public sealed record FindOrCreateUser(string Login) : ICommand<User>;

public sealed class FindOrCreateUserValidator : AbstractValidator<FindOrCreateUser>
{
    public FindOrCreateUserValidator()
    {
        RuleFor(c => c.Login).MustBeALogin();
    }
}

public sealed class FindOrCreateUserHandler(UserProvisioner provisioner) : ICommandHandler<FindOrCreateUser, User>
{
    public async ValueTask<User> Handle(FindOrCreateUser command, CancellationToken cancellationToken) =>
        await provisioner.FindOrCreateAsync(command.Login, cancellationToken);
}

/// <summary>
/// Finds or registers the user for a login. Shared by every way in (dev-login, the OAuth callback), and
/// always called inside a command's unit of work.
/// </summary>
public sealed class UserProvisioner(IUserRepository users, TimeProvider clock)
{
    /// <summary>The dev-login account with this login, made on first use. Never a provider's account.</summary>
    public async Task<User> FindOrCreateAsync(string login, CancellationToken cancellationToken) =>
        await users.FindByLoginAsync(login, cancellationToken)
        ?? await RegisterAsync(login, name => User.Register(login, name, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// The account of the person the provider vouched for, by the provider's immutable id: the account
    /// linked to that id (its login follows the provider's current one, so a renamed login opens the same
    /// account); else the provider's account with that login made before ids were kept, which is linked
    /// now; else a new account. A login the provider gave to someone else (a new id) never opens the
    /// account of the login's former holder once that account is linked.
    /// </summary>
    public async Task<User> FindOrCreateExternalAsync(string provider, string providerUserId, string login, CancellationToken cancellationToken)
    {
        var user = await users.FindByProviderUserIdAsync(provider, providerUserId, cancellationToken)
            ?? await users.FindUnlinkedByLoginAsync(provider, login, cancellationToken);
        if (user is null)
        {
            return await RegisterAsync(login, name => User.RegisterExternal(provider, providerUserId, login, name, clock.GetUtcNow()), cancellationToken);
        }

        if (user.ProviderUserId != providerUserId || user.Login != login)
        {
            user.ConfirmExternal(provider, providerUserId, login);
            await users.UpdateAsync(user, cancellationToken);
        }

        return user;
    }

    private async Task<User> RegisterAsync(string login, Func<DisplayName, User> register, CancellationToken cancellationToken)
    {
        foreach (var candidate in DisplayName.CandidatesFor(login))
        {
            if (!await users.IsDisplayNameTakenAsync(candidate, cancellationToken))
            {
                var user = register(candidate);
                await users.AddAsync(user, cancellationToken);
                return user;
            }
        }

        throw new InvalidOperationException("DisplayName.CandidatesFor is endless; this line is never reached");
    }
}
