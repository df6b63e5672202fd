using System.Text;
using Microsoft.Net.Http.Headers;

namespace Transcendence.Web.Errors;

/// <summary>
/// Refuses a body whose <c>Content-Type</c> names a charset nobody can decode
/// (<c>application/json; charset=nonsense</c>) with 415 <c>unsupported_media_type</c>, before anything
/// tries to read it: the framework's JSON reader would otherwise fail with a bare exception (a 500).
/// </summary>
public sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The charset exactly as the framework's JSON reader will take it (a quoted one it cannot read either).
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            && contentType.Charset is { Length: > 0 } charset
            && !IsKnown(charset.Value!))
        {
            throw new BadHttpRequestException(
                $"the charset '{charset}' of the request body is not one we can read (send UTF-8)",
                StatusCodes.Status415UnsupportedMediaType);
        }

        return next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
