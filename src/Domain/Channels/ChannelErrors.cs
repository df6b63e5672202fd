using System.Globalization;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.Channels;

/// <summary>The refusals of the chat slice, each with the code clients see.</summary>
public static class ChannelErrors
{
    public static DomainException NotFound(Guid id) =>
        new("channel.not_found", ErrorKind.NotFound, $"no channel has the id {id}");

    public static DomainException NotMember() =>
        new("channel.not_member", ErrorKind.Forbidden, "you are not a member of this channel");

    /// <summary>The user acted on is not in the channel (the caller is).</summary>
    public static DomainException TargetNotMember(Guid userId) =>
        new("channel.not_member", ErrorKind.Conflict, $"the user {userId} is not a member of this channel");

    public static DomainException Banned(DateTimeOffset? until) =>
        new("channel.banned", ErrorKind.Forbidden, until is null
            ? "you are banned from this channel"
            : $"you are banned from this channel until {Format(until.Value)}");

    public static DomainException TargetBanned(Guid userId) =>
        new("channel.banned", ErrorKind.Conflict, $"the user {userId} is banned from this channel");

    public const string WrongPasswordCode = "channel.wrong_password";

    public static DomainException WrongPassword() =>
        new(WrongPasswordCode, ErrorKind.Forbidden, "the password of this channel is not that one");

    public static RateLimitedException TooManyWrongPasswords(TimeSpan retryAfter) =>
        new($"too many wrong passwords for this channel; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s", retryAfter);

    public static DomainException Forbidden(string reason) =>
        new("channel.forbidden", ErrorKind.Forbidden, reason);

    public static DomainException OwnerProtected() =>
        new("channel.owner_protected", ErrorKind.Forbidden, "nobody acts on the owner of a channel");

    public static DomainException Muted(DateTimeOffset until) =>
        new("chat.muted", ErrorKind.Forbidden, $"you are muted in this channel until {Format(until)}");

    public static DomainException Blocked() =>
        new("user.blocked", ErrorKind.Forbidden, "one of you blocks the other");

    public static DomainException Invalid(string reason) =>
        new("validation", ErrorKind.Invalid, reason);

    /// <summary>ISO 8601 in UTC, fractions only when there are any: <c>2026-11-24T10:05:00Z</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
