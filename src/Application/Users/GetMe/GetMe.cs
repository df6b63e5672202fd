using Transcendence.Application.Presence;
using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Users.GetMe;

/// <summary>The caller's own profile.</summary>
public sealed record GetMe(Guid UserId) : IQuery<OwnProfile>;

public sealed class GetMeHandler(IUserRepository users, IPresenceTracker presence, ITwoFactorRepository twoFactors, IPlayerStatsRepository stats) : IQueryHandler<GetMe, OwnProfile>
{
    public async ValueTask<OwnProfile> Handle(GetMe query, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(query.UserId, cancellationToken);
        return OwnProfile.Of(user, presence.StatusOf(user.Id), await stats.StatsOfAsync(user.Id, cancellationToken), await twoFactors.IsEnabledAsync(user.Id, cancellationToken));
    }
}
