using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// The real app in a test server, on the store asked for (a fresh migrated database for Postgres), with
/// dev-login on, a test signing key and auth rate limits out of the way. Settings go in through <c>UseSetting</c>, which the app sees
/// before it composes its services (the store is chosen at composition).
/// </summary>
public sealed class TranscendenceApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _millisecondTimers;
    private readonly bool _realServer;
    private readonly Action<IServiceCollection>? _services;

    private TranscendenceApp(
        StorageProvider provider, string? connectionString, Dictionary<string, string?> settings, string environment, bool millisecondTimers, bool realServer,
        Action<IServiceCollection>? services)
    {
        _services = services;
        _millisecondTimers = millisecondTimers;
        _realServer = realServer;
        Provider = provider;
        ConnectionString = connectionString;
        Environment = environment;
        _settings = settings;
    }

    public StorageProvider Provider { get; }

    /// <summary>On Kestrel (<see cref="BaseAddress"/>, real sockets) rather than the in-memory test server.</summary>
    public bool IsRealServer => _realServer;

    /// <summary>The Postgres database behind the app; null on the in-memory store.</summary>
    public string? ConnectionString { get; }

    public string Environment { get; }

    /// <summary>The app's clock; tests move it forward by hand (not on a real server, which runs on the real clock).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Starts an app. <paramref name="connectionString"/> reuses an existing database (an app restart);
    /// <paramref name="settings"/> override or add configuration keys (null: leave the key unset); <paramref name="millisecondTimers"/> gives the
    /// app's timers the real clock's whole-millisecond resolution (<see cref="MillisecondTimerClock"/>);
    /// <paramref name="realServer"/> puts the app on Kestrel on a free loopback port (see <see cref="BaseAddress"/>)
    /// with the real clock, for a real browser; <paramref name="services"/> changes the app's services after it composed
    /// them (a test-only port).
    /// </summary>
    public static async Task<TranscendenceApp> StartAsync(
        StorageProvider provider,
        string? connectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        bool millisecondTimers = false,
        bool realServer = false,
        Action<IServiceCollection>? services = null)
    {
        if (provider == StorageProvider.Postgres)
        {
            connectionString ??= await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        }

        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider.ToString(),
            ["ConnectionStrings:Postgres"] = connectionString ?? string.Empty,
            ["Auth:DevLogin:Enabled"] = "true",
            ["Auth:Jwt:SigningKey"] = TestKeys.JwtSigningKey,
            ["Database:MigrateOnStartup"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        // Tests sign in far more often than people do; the rate limit tests set their own low limits.
        foreach (var policy in new[] { "Login", "Refresh", "DevLogin", "TwoFactor" })
        {
            all[$"Auth:RateLimits:{policy}:PermitLimit"] = "100000";
        }

        // Hub method limits too, default and per method alike; the hub rate limit tests set their own.
        foreach (var key in HubLimitKeys())
        {
            all[key] = "100000";
        }

        // A null value leaves the key out altogether (the app then reads its appsettings files, or nothing).
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        var app = new TranscendenceApp(provider, connectionString, all, environment, millisecondTimers, realServer, services);
        // Start the server now, so a test sees a start-up failure here and not at its first request.
        if (realServer)
        {
            app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            app.StartServer();
        }
        else
        {
            _ = app.Server;
        }

        return app;
    }

    /// <summary>
    /// The configuration keys of every hub method limit, the default and each limited method's (bucket size and refill),
    /// which the kits lift: tests call far more often than people do.
    /// </summary>
    public static IEnumerable<string> HubLimitKeys() =>
        new HubRateLimitOptions().Methods.Where(m => !m.Value.Unlimited).Select(m => $"Methods:{m.Key}").Append("Default")
            .SelectMany(limit => new[] { "TokenLimit", "TokensPerPeriod" }.Select(field => $"{HubRateLimitOptions.Section}:{limit}:{field}"));

    /// <summary>
    /// A real server's address for a browser: <c>http://localhost:port</c> (browsers keep the app's Secure cookies
    /// on localhost over plain HTTP).
    /// </summary>
    public Uri BaseAddress
    {
        get
        {
            var address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            return new UriBuilder(address) { Host = "localhost" }.Uri;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_realServer ? TimeProvider.System : _millisecondTimers ? new MillisecondTimerClock(Clock) : Clock);
            _services?.Invoke(services);
        });
    }
}
