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
    public async Task<User> FindOrCreateAsync(string login, CancellationToken cancellationToken)
    {
        var existing = await users.FindByLoginAsync(login, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        foreach (var candidate in DisplayName.CandidatesFor(login))
        {
            if (!await users.IsDisplayNameTakenAsync(candidate, cancellationToken))
            {
                var user = User.Register(login, candidate, clock.GetUtcNow());
                await users.AddAsync(user, cancellationToken);
                return user;
            }
        }

        throw new InvalidOperationException("DisplayName.CandidatesFor is endless; this line is never reached");
    }
}
