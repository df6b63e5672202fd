using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Transcendence.Application.Common.Telemetry;
using Transcendence.Application.GameServer;
using Transcendence.Infrastructure.Leases;
using Transcendence.Web.Hosting;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Composition;

/// <summary>
/// Traces and metrics through the OpenTelemetry SDK. Nothing is collected unless an exporter is configured:
/// OTLP (traces and metrics) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set — the SDK reads the standard
/// <c>OTEL_*</c> variables (protocol, headers, intervals, service name) —, and a Prometheus scrape endpoint
/// (metrics) when <c>Telemetry:Prometheus:Enabled</c> is true.
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";
    public const string PrometheusPathKey = "Telemetry:Prometheus:Path";
    public const string DefaultPrometheusPath = "/metrics";

    /// <summary>ASP.NET Core's own sources: SignalR hub invocations (one span per method call, since .NET 9).</summary>
    public const string SignalRActivitySource = "Microsoft.AspNetCore.SignalR.Server";

    /// <summary>The framework's built-in meters: requests, Kestrel connections, SignalR connections, routing, errors, limits, runtime.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "System.Runtime",
    ];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var prometheus = configuration.GetValue<bool>(PrometheusEnabledKey);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService("transcendence"));
        }

        var scrapePath = PrometheusPath(configuration);
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddMeter(FrameworkMeters)
                .AddMeter(GameLoopMetrics.MeterName, ChatDeliveryMetrics.MeterName, OutgoingMetrics.MeterName, ApplicationTelemetry.MeterName, LeaseTelemetry.MeterName)
                .AddNpgsqlInstrumentation()
                .AddView(GameLoopMetrics.LatenessInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = GameLoopMetrics.LatenessBucketsMs });
            if (prometheus)
            {
                // Every scrape reads the figures of that moment (the bench diffs two scrapes around a window).
                metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
            }
        });

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = http => !http.Request.Path.StartsWithSegments(scrapePath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(SignalRActivitySource, ApplicationTelemetry.SourceName)
                .AddNpgsql());
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when it is enabled (unauthenticated: keep it off the public network).</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetValue<bool>(PrometheusEnabledKey))
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath(configuration));
        }

        return app;
    }

    private static string PrometheusPath(IConfiguration configuration) =>
        configuration[PrometheusPathKey] is { Length: > 0 } path ? path : DefaultPrometheusPath;
}
