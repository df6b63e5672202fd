namespace Transcendence.Web.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>Live: the process answers. Ready: the store answers a real query too.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
