using Transcendence.Application.Presence;
using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Users.GetUser;

/// <summary>Someone's public profile, as <paramref name="ViewerId"/> may see it.</summary>
public sealed record GetUser(Guid UserId, Guid ViewerId) : IQuery<PublicProfile>;

public sealed class GetUserHandler(IUserRepository users, IPresenceTracker presence, IPlayerStatsRepository stats) : IQueryHandler<GetUser, PublicProfile>
{
    public async ValueTask<PublicProfile> Handle(GetUser query, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(query.UserId, cancellationToken);
        return PublicProfile.Of(user, presence.StatusSeenBy(user, query.ViewerId), await stats.StatsOfAsync(user.Id, cancellationToken));
    }
}
