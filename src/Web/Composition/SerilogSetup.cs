using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Serilog;
using Serilog.Formatting.Compact;

namespace Transcendence.Web.Composition;

internal static class SerilogSetup
{
    /// <summary>
    /// Serilog reads levels and overrides from the <c>Serilog</c> section; the console sink writes plain
    /// text, or compact JSON when <c>Logging:Json</c> is true (for log shippers).
    /// </summary>
    public static IServiceCollection AddApiLogging(this IServiceCollection services, IConfiguration configuration)
    {
        var json = configuration.GetValue<bool>("Logging:Json");
        services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        return services;
    }

    /// <summary>One line per request: method, path, status, elapsed ms and the caller's user id.</summary>
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (user {UserId})";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("UserId", http.User.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? "anonymous");
        });
}
