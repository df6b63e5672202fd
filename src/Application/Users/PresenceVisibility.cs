using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

internal static class PresenceVisibility
{
    /// <summary>
    /// <paramref name="user"/>'s status as <paramref name="viewerId"/> may see it: their live status, or
    /// <c>offline</c> when the user blocks the viewer (<see cref="User.ShowsPresenceTo"/>).
    /// </summary>
    public static string StatusSeenBy(this IPresenceLookup presence, User user, Guid viewerId) =>
        user.ShowsPresenceTo(viewerId) ? presence.StatusOf(user.Id) : UserStatus.Offline;
}
