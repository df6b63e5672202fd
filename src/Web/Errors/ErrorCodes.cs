using Transcendence.Domain.Common;

namespace Transcendence.Web.Errors;

/// <summary>HTTP's view of error kinds and codes: one table, used by every error response.</summary>
public static class ErrorCodes
{
    public const string Validation = "validation";
    public const string InvalidToken = "auth.invalid_token";
    public const string AuthRequired = "auth.required";
    public const string RateLimited = "rate_limited";
    public const string OAuthDenied = "auth.oauth_denied";
    public const string OAuthInvalidState = "auth.oauth_invalid_state";
    public const string OAuthFailed = "auth.oauth_failed";
    public const string OAuthProviderUnavailable = "auth.provider_unavailable";
    public const string OAuthNotConfigured = "auth.oauth_not_configured";
    public const string Unavailable = "unavailable";

    /// <summary>What a client is told, over HTTP and on hubs, while the store is down or overloaded.</summary>
    public const string UnavailableDetail = "the service is briefly unavailable (its store is not answering); try again in 5 s";

    /// <summary>The <c>Retry-After</c> of an <c>unavailable</c> answer.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code for a response whose producer did not name one (routing, the framework).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => AuthRequired,
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "too_large",
        415 => "unsupported_media_type",
        429 => RateLimited,
        503 => Unavailable,
        _ when status >= 500 => "internal",
        _ => "error",
    };
}
