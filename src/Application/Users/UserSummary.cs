using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

/// <summary>A user as lists show them (friends, requests, blocks): who, how they look, whether they are here.</summary>
public sealed record UserSummary(Guid Id, string DisplayName, string AvatarUrl, string Status)
{
    public static UserSummary Of(User user, IPresenceLookup presence) =>
        new(user.Id, user.DisplayName.Value, PublicProfile.AvatarUrlOf(user.Id), presence.StatusOf(user.Id));
}
