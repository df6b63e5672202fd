using Transcendence.Application.Presence;
using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Users.SearchUsers;

/// <summary>Users whose login or display name contains the text, by display name, as <paramref name="ViewerId"/> may see them.</summary>
public sealed record SearchUsers(string? Search, int? Limit, Guid ViewerId) : IQuery<IReadOnlyList<PublicProfile>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

public sealed class SearchUsersHandler(IUserRepository users, IPresenceTracker presence, IPlayerStatsRepository stats) : IQueryHandler<SearchUsers, IReadOnlyList<PublicProfile>>
{
    public async ValueTask<IReadOnlyList<PublicProfile>> Handle(SearchUsers query, CancellationToken cancellationToken)
    {
        var found = await users.SearchAsync(
            query.Search?.Trim() ?? string.Empty,
            query.Limit ?? SearchUsers.DefaultLimit,
            cancellationToken);
        var profiles = new List<PublicProfile>(found.Count);
        foreach (var u in found)
        {
            profiles.Add(PublicProfile.Of(u, presence.StatusSeenBy(u, query.ViewerId), await stats.StatsOfAsync(u.Id, cancellationToken)));
        }

        return profiles;
    }
}
