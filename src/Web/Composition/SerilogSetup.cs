using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        CacheLoggersByCategory(services);
        return services;
    }

    /// <summary>
    /// Serilog's logger factory makes a new logger (two Serilog loggers and an event-id cache, ~2 KiB) on every
    /// <c>CreateLogger</c>, and ASP.NET Core asks for one per hub connection (its connection context, its
    /// transport, the JWT handler): an idle connection kept three. Microsoft's own factory hands out one logger
    /// per category; so does this wrapper around Serilog's.
    /// </summary>
    private static void CacheLoggersByCategory(IServiceCollection services)
    {
        var serilog = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        var create = serilog.ImplementationFactory
            ?? throw new InvalidOperationException("Serilog's ILoggerFactory is expected to be registered by a factory");
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new CategoryCachingLoggerFactory((ILoggerFactory)create(provider))));
    }

    private sealed class CategoryCachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        private readonly ConcurrentDictionary<string, Microsoft.Extensions.Logging.ILogger> _loggers = new(StringComparer.Ordinal);

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
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
