using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure;
using Transcendence.Infrastructure.Realtime;

namespace Transcendence.Web.Composition;

internal static class ScaleOutSetup
{
    /// <summary>
    /// <c>ConnectionStrings:Redis</c> set: several instances on one PostgreSQL store, whose hubs reach each other's
    /// connections over Redis pub/sub (<see cref="RedisInstanceBus"/>). Unset: one instance, nothing to reach.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IInstanceBus, InProcessInstanceBus>();
            return services;
        }

        if (configuration.GetValue<StorageProvider>("Storage:Provider") != StorageProvider.Postgres)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Redis is set (several instances) but Storage:Provider is not Postgres: instances share " +
                "their data through PostgreSQL (Storage__Provider=Postgres, ConnectionStrings__Postgres=…)");
        }

        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            // An instance starts, and serves its own connections, while Redis is down; it connects when Redis is up.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<IInstanceBus, RedisInstanceBus>();
        return services;
    }
}
