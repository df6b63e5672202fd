using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Transcendence.Web.Composition;

/// <summary>
/// The browser client (built from src/Client into wwwroot) and the CORS policy for front ends served from
/// elsewhere (a Vite dev server, another host).
/// </summary>
internal static class ClientSetup
{
    public const string CorsKey = "Cors:AllowedOrigins";
    public const string CorsPolicy = "Client";

    /// <summary>
    /// Paths the server owns: an unknown path under them keeps its 404 problem details instead of getting the
    /// client's page.
    /// </summary>
    private static readonly string[] ServerPrefixes = ["/api", "/hubs", "/health", "/openapi", "/scalar", "/metrics"];

    /// <summary>
    /// <c>Cors:AllowedOrigins</c>: a list (<c>Cors:AllowedOrigins:0</c>, …) or one string separated by commas or
    /// spaces, e.g. <c>http://localhost:5173</c>. Empty (the default): no CORS policy, browsers keep to the
    /// same origin.
    /// </summary>
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(CorsKey);
        return [.. section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(origin => origin.TrimEnd('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static IServiceCollection AddClientCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        if (origins.Count == 0)
        {
            return services;
        }

        // Credentials: the SignalR client negotiates with them, and the refresh cookie rides on them for a
        // front end on another port of the same site.
        return services.AddCors(options => options.AddPolicy(CorsPolicy, new CorsPolicyBuilder()
            .WithOrigins([.. origins])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()
            .WithExposedHeaders("Retry-After", "ETag")
            .Build()));
    }

    /// <summary>
    /// CORS (when configured), then the client's files, before authentication, which files do not need. A GET
    /// that no endpoint answers, outside the server's prefixes and naming no file, is one of the client's own
    /// routes (<c>/chat/…</c>, <c>/game/…</c>; history API): it gets <c>index.html</c>. Done after routing
    /// rather than as a fallback endpoint, so other methods keep their 404 and 405 answers.
    /// </summary>
    public static WebApplication UseClient(this WebApplication app)
    {
        if (AllowedOrigins(app.Configuration).Count > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.Use((context, next) =>
        {
            if (IsClientRoute(context))
            {
                context.Request.Path = "/index.html";
            }

            return next(context);
        });
        app.UseStaticFiles();
        return app;
    }

    private static bool IsClientRoute(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        return context.GetEndpoint() is null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !Path.HasExtension(path)
            && !ServerPrefixes.Any(prefix => path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase));
    }
}
