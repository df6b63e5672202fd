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
    /// <param name="twoFactorEnabled">Whether the user has two-factor on (kept apart from the user, by the auth slice).</param>
    public static OwnProfile Of(User user, string status, UserStats stats, bool twoFactorEnabled) =>
        new(user.Id, user.Login, user.DisplayName.Value, PublicProfile.AvatarUrlOf(user.Id), twoFactorEnabled, status, stats);
}
