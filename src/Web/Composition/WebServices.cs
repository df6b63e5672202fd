using Microsoft.AspNetCore.Http.Json;
using Transcendence.Application;
using Transcendence.Infrastructure;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.Web.Json;

namespace Transcendence.Web.Composition;

internal static class WebServices
{
    /// <summary>Everything the web app runs on, layer by layer.</summary>
    public static WebApplicationBuilder AddTranscendence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddApiLogging(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddApiMediator();
        services.AddApiProblemDetails();
        services.AddApiAuthentication(builder.Environment);
        services.AddLoginSessions(configuration);
        services.AddRealtime();
        services.AddOAuthLogin(configuration);
        services.AddAuthRateLimits(configuration);
        services.AddHostedService<Hosting.RestrictionSweeper>();
        services.AddHostedService<Hosting.PresenceUpkeep>();
        services.AddGames(configuration);
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        // Binding failures (malformed JSON, a word where a number goes) reach the exception handler and
        // become problem details with a code, in every environment.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddApiDocument();
        services.AddTelemetry(configuration);
        services.AddClientCors(configuration);
        var health = services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        if (RedisScaleOut.IsOn(configuration))
        {
            health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        if (configuration.GetValue<StorageProvider>("Storage:Provider") == StorageProvider.Postgres
            && configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            services.AddHostedService<StartupMigration>();
        }

        return builder;
    }
}
