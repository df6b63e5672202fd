using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Transcendence.Web.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>
    /// Live: the process answers. Ready: the store answers a real query too (and, scaled out, Redis: Degraded
    /// while it does not). The body is the status, then one line per check that is not healthy.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteStatusAndReasons });
        return app;
    }

    private static Task WriteStatusAndReasons(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries
            .Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Status.ToString()}")
            .Prepend(report.Status.ToString());
        return context.Response.WriteAsync(string.Join('\n', lines));
    }
}
