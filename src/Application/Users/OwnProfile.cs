using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

/// <summary>What a user sees of themselves (<c>GET /api/users/me</c>).</summary>
public sealed record OwnProfile(
    Guid Id,
    string Login,
    string DisplayName,
    string AvatarUrl,
    bool TwoFactorEnabled,
    string Status,
    UserStats Stats)
{
    public static OwnProfile Of(User user, string status, UserStats stats) =>
        new(user.Id, user.Login, user.DisplayName.Value, PublicProfile.AvatarUrlOf(user.Id), false, status, stats);
}
