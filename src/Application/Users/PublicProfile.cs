using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

/// <summary>What anyone signed in may see of a user (<c>GET /api/users/{id}</c>).</summary>
public sealed record PublicProfile(
    Guid Id,
    string Login,
    string DisplayName,
    string AvatarUrl,
    string Status,
    UserStats Stats)
{
    public static PublicProfile Of(User user, string status, UserStats stats) =>
        new(user.Id, user.Login, user.DisplayName.Value, AvatarUrlOf(user.Id), status, stats);

    /// <summary>The avatar route answers for every user (a default image when none is uploaded).</summary>
    public static string AvatarUrlOf(Guid userId) => $"/api/users/{userId}/avatar";
}
