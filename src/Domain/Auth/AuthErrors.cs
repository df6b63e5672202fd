using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>The refusals of the auth slice, each with the code clients see.</summary>
public static class AuthErrors
{
    public const string InvalidTokenCode = "auth.invalid_token";
    public const string TwoFactorInvalidCode = "auth.two_factor_invalid";

    public static DomainException InvalidRefreshToken(string reason) =>
        new(InvalidTokenCode, ErrorKind.Unauthenticated, reason);

    public static DomainException RefreshTokenReused() =>
        new(InvalidTokenCode, ErrorKind.Unauthenticated,
            "this refresh token was already used; the login it belongs to has been ended, log in again");

    public static DomainException LoginEnded() =>
        new(InvalidTokenCode, ErrorKind.Unauthenticated, "this login has ended; log in again");

    public static DomainException InvalidTicket(string reason) =>
        new(InvalidTokenCode, ErrorKind.Unauthenticated, reason);

    public static DomainException WrongTwoFactorCode() =>
        new(TwoFactorInvalidCode, ErrorKind.Unauthenticated, "the two-factor code is wrong or expired");

    public static DomainException ReplayedTwoFactorCode() =>
        new(TwoFactorInvalidCode, ErrorKind.Unauthenticated, "this two-factor code was already used; wait for the next one");

    public static RateLimitedException TooManyWrongCodes(TimeSpan retryAfter) =>
        new($"too many wrong two-factor codes; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s", retryAfter);

    public static RateLimitedException TwoFactorLocked(TimeSpan retryAfter) =>
        new(retryAfter > TimeSpan.Zero
            ? $"too many wrong two-factor codes in a row; log in again, and try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s"
            : "too many wrong two-factor codes in a row; log in again", retryAfter);

    public static DomainException TwoFactorAlreadyEnabled() =>
        new("auth.two_factor_already_enabled", ErrorKind.Conflict, "two-factor authentication is already on; turn it off first");

    public static DomainException TwoFactorNotSetUp() =>
        new("auth.two_factor_not_set_up", ErrorKind.Conflict, "there is no two-factor secret to confirm; call 2fa/setup first");

    public static DomainException TwoFactorNotEnabled() =>
        new("auth.two_factor_not_enabled", ErrorKind.Conflict, "two-factor authentication is not on");
}
