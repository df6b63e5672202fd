using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Transcendence.Web.Errors;

/// <summary>
/// Problem details written outside the exception handler: by authentication events (the OAuth handshake)
/// and the rate limiter, which answer before any endpoint runs.
/// </summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary><c>Retry-After</c> in whole seconds, rounded up, at least one.</summary>
    public static int SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
