namespace Transcendence.Application.Auth;

/// <summary>
/// Where a login may send the browser back to, so the login can never be an open redirect: a local path
/// (one leading <c>/</c>, not <c>//</c>, no backslash, no whitespace or control character — browsers
/// turn <c>/\evil</c> into <c>//evil</c> and strip blanks), or an absolute http(s) URL, without user info,
/// whose origin is listed. Anything else becomes <see cref="Fallback"/>.
/// </summary>
public static class ReturnUrls
{
    public const string Fallback = "/";

    public static string Resolve(string? candidate, IReadOnlyCollection<string> allowedOrigins)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Fallback;
        }

        if (candidate[0] == '/')
        {
            return candidate.Length == 1 || candidate[1] != '/' ? candidate : Fallback;
        }

        return Uri.TryCreate(candidate, UriKind.Absolute, out var target)
            && target.Scheme is "https" or "http"
            && string.IsNullOrEmpty(target.UserInfo)
            && allowedOrigins.Any(origin => IsSameOrigin(target, origin))
                ? target.AbsoluteUri
                : Fallback;
    }

    private static bool IsSameOrigin(Uri target, string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var allowed)
        && Uri.Compare(target, allowed, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
