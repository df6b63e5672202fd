using Transcendence.Application.Common.Ports;
using Transcendence.Web.Sessions;

namespace Transcendence.Web.Composition;

internal static class SessionSetup
{
    /// <summary>
    /// Logins that really end: presented tokens are checked against their login, a revoked login's hub
    /// connections close, and hub connections are bounded per user (see <see cref="SessionHubFilter"/>).
    /// </summary>
    public static IServiceCollection AddLoginSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LoginSessionOptions>().Bind(configuration.GetSection(LoginSessionOptions.Section))
            .Validate(o => o.CheckCacheDuration >= TimeSpan.Zero && o.CheckCacheDuration <= TimeSpan.FromMinutes(5),
                "Auth:Sessions:CheckCacheDuration must be between 00:00:00 and 00:05:00")
            .ValidateOnStart();
        services.AddOptions<HubConnectionLimitOptions>().Bind(configuration.GetSection(HubConnectionLimitOptions.Section))
            .Validate(o => o.MaxConnectionsPerUser is >= 1 and <= 1000, "Hubs:MaxConnectionsPerUser must be between 1 and 1000")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<SessionCheck>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<ISessionRevocations>(provider => provider.GetRequiredService<SessionRevocations>());
        services.AddHostedService(provider => provider.GetRequiredService<SessionRevocations>());
        // One instance for every connection and call (SignalR would make one per call otherwise).
        services.AddSingleton<SessionHubFilter>();
        return services;
    }
}
