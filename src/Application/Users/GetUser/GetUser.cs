using Transcendence.Application.Presence;
using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Users.GetUser;

/// <summary>Someone's public profile.</summary>
public sealed record GetUser(Guid UserId) : IQuery<PublicProfile>;

public sealed class GetUserHandler(IUserRepository users, IPresenceTracker presence, IPlayerStatsRepository stats) : IQueryHandler<GetUser, PublicProfile>
{
    public async ValueTask<PublicProfile> Handle(GetUser query, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(query.UserId, cancellationToken);
        return PublicProfile.Of(user, presence.StatusOf(user.Id), await stats.StatsOfAsync(user.Id, cancellationToken));
    }
}
