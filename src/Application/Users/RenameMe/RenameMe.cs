using Transcendence.Application.Presence;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users.RenameMe;

/// <summary>The caller takes a new display name, unique without regard to case.</summary>
public sealed record RenameMe(Guid UserId, string DisplayName) : ICommand<OwnProfile>;

public sealed class RenameMeHandler(IUserRepository users, IPresenceTracker presence, ITwoFactorRepository twoFactors, IPlayerStatsRepository stats) : ICommandHandler<RenameMe, OwnProfile>
{
    public async ValueTask<OwnProfile> Handle(RenameMe command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var name = DisplayName.Parse(command.DisplayName);

        // Renaming to one's own name in another case is allowed: the only holder of the name is the caller.
        if (name.Normalized != user.DisplayName.Normalized && await users.IsDisplayNameTakenAsync(name, cancellationToken))
        {
            throw UserErrors.NameTaken(name.Value);
        }

        user.Rename(name);
        await users.UpdateAsync(user, cancellationToken);
        return OwnProfile.Of(user, presence.StatusOf(user.Id), await stats.StatsOfAsync(user.Id, cancellationToken), await twoFactors.IsEnabledAsync(user.Id, cancellationToken));
    }
}
