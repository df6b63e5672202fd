using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

/// <summary>A user as lists show them (friends, requests, blocks): who, how they look, whether they are here.</summary>
public sealed record UserSummary(Guid Id, string DisplayName, string AvatarUrl, string Status)
{
    /// <summary>The user as <paramref name="viewerId"/> sees them (a user who blocks the viewer looks offline).</summary>
    public static UserSummary Of(User user, IPresenceLookup presence, Guid viewerId) =>
        new(user.Id, user.DisplayName.Value, PublicProfile.AvatarUrlOf(user.Id), presence.StatusSeenBy(user, viewerId));
}
