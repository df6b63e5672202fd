using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>The refusals of the users slice, each with the code clients see.</summary>
public static class UserErrors
{
    public static DomainException NotFound(Guid id) =>
        new("user.not_found", ErrorKind.NotFound, $"no user has the id {id}");

    public static DomainException NameTaken(string displayName) =>
        new("user.name_taken", ErrorKind.Conflict, $"the display name '{displayName}' is already taken");

    public static DomainException InvalidDisplayName(string reason) =>
        new("validation", ErrorKind.Invalid, reason);

    public static DomainException InvalidLogin(string reason) =>
        new("validation", ErrorKind.Invalid, reason);

    public static DomainException CannotBlockSelf() =>
        new("validation", ErrorKind.Invalid, "you cannot block yourself");

    public static DomainException CannotBefriendSelf() =>
        new("validation", ErrorKind.Invalid, "you cannot befriend yourself");

    /// <summary>
    /// One of the two blocks the other. The sentence does not say which way: who blocks whom is the
    /// blocker's business.
    /// </summary>
    public static DomainException Blocked() =>
        new("user.blocked", ErrorKind.Forbidden, "a block stands between you and this user");

    /// <summary>Two requests changed the same friendship at once and this one lost; trying again settles it.</summary>
    public static DomainException FriendshipChanged() =>
        new("user.friendship_changed", ErrorKind.Conflict, "this friendship changed while your request ran; try again");

    public static DomainException AvatarTooLarge(int maxBytes) =>
        new("too_large", ErrorKind.TooLarge, $"an avatar is at most {maxBytes} bytes");

    public static DomainException AvatarNotAnImage() =>
        new("unsupported_media_type", ErrorKind.UnsupportedMediaType, "an avatar is a PNG, JPEG, GIF or WebP image");
}
