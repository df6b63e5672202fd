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
}
