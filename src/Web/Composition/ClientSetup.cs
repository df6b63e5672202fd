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
    /// client's page. Everything else that is not a file is a client route (history API) and gets index.html.
    /// </summary>
    private const string ClientRoutes = "{*path:nonfile:regex(^(?!(api|hubs|health|openapi|scalar|metrics|diagnostics)(/|$)).*$)}";

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

    /// <summary>CORS (when configured), then the client's files; before authentication, which files do not need.</summary>
    public static WebApplication UseClient(this WebApplication app)
    {
        if (AllowedOrigins(app.Configuration).Count > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>The client's own routes (<c>/chat</c>, <c>/game</c>, …) answer its page; the last resort of routing.</summary>
    public static WebApplication MapClient(this WebApplication app)
    {
        app.MapFallbackToFile(ClientRoutes, "index.html");
        return app;
    }
}
