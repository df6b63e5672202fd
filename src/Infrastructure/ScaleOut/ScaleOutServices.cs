using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.Games;
using Transcendence.Infrastructure.Leases;
using Transcendence.Infrastructure.Presence;
using Transcendence.Infrastructure.RateLimiting;
using Transcendence.Infrastructure.Realtime;

namespace Transcendence.Infrastructure.ScaleOut;

internal static class ScaleOutServices
{
    /// <summary>
    /// One instance (no <c>ConnectionStrings:Redis</c>): the in-process twins. Several: the shared Redis
    /// connection (<see cref="RedisScaleOut"/>), its checked options, and the Redis twins of the ports whose
    /// state must be the same on every instance.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SlidingWindowSendLimiter>();
        services.AddSingleton<IInstanceRelay, BusInstanceRelay>();
        if (!RedisScaleOut.IsOn(configuration))
        {
            services.AddSingleton<ISendRateLimiter>(sp => sp.GetRequiredService<SlidingWindowSendLimiter>());
            services.AddSingleton<ISingletonLeases, InProcessSingletonLeases>();
            services.AddSingleton<IInstanceBus, InProcessInstanceBus>();
            services.AddSingleton<IPresenceTracker, InProcessPresenceTracker>();
            services.AddSingleton<IPresenceUpkeep, InProcessPresenceUpkeep>();
            services.AddSingleton<IGameDirectory, InProcessGameDirectory>();
            return services;
        }

        services.AddValidatedOptions<ScaleOutOptions>(configuration, ScaleOutOptions.Section)
            .Configure(options => options.RedisConnectionString = configuration.GetConnectionString(RedisScaleOut.ConnectionStringName)!);
        services.AddSingleton<IValidateOptions<ScaleOutOptions>, ScaleOutOptionsValidator>();
        services.AddSingleton<RedisScaleOut>();
        services.AddSingleton<ISendRateLimiter, RedisSendLimiter>();
        services.AddSingleton<ISingletonLeases, RedisSingletonLeases>();
        services.AddSingleton<IInstanceBus, RedisInstanceBus>();
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<IPresenceUpkeep>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<IGameDirectory, RedisGameDirectory>();
        return services;
    }
}
